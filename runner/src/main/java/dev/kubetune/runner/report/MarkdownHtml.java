package dev.kubetune.runner.report;

/**
 * The few Markdown forms the report's statistics use — "## " headings, pipe tables, "- " items and plain
 * lines — as HTML, so report.md and report.html say the same thing from one text.
 */
final class MarkdownHtml {

    private MarkdownHtml() {
    }

    static String render(String markdown) {
        StringBuilder html = new StringBuilder();
        boolean inTable = false;
        boolean header = false;
        boolean inList = false;
        for (String line : markdown.split("\n")) {
            String t = line.trim();
            if (inTable && !t.startsWith("|")) {
                html.append("</table>\n");
                inTable = false;
            }
            if (inList && !t.startsWith("- ")) {
                html.append("</ul>\n");
                inList = false;
            }
            if (t.startsWith("## ")) {
                html.append("<h2>").append(escape(t.substring(3))).append("</h2>\n");
            } else if (t.startsWith("|")) {
                if (!inTable) {
                    html.append("<table>\n");
                    inTable = true;
                    header = true;
                }
                String[] cells = t.substring(1, t.length() - 1).split("(?<!\\\\)\\|");
                if (cells[0].trim().matches("-+:?|:?-+:?")) {
                    continue;
                }
                html.append("<tr>");
                for (String cell : cells) {
                    String tag = header ? "th" : "td";
                    html.append('<').append(tag).append('>').append(escape(cell.trim().replace("\\|", "|")))
                            .append("</").append(tag).append('>');
                }
                html.append("</tr>\n");
                header = false;
            } else if (t.startsWith("- ")) {
                if (!inList) {
                    html.append("<ul>\n");
                    inList = true;
                }
                html.append("<li>").append(escape(t.substring(2))).append("</li>\n");
            } else if (!t.isEmpty()) {
                html.append("<p>").append(escape(t)).append("</p>\n");
            }
        }
        if (inTable) {
            html.append("</table>\n");
        }
        if (inList) {
            html.append("</ul>\n");
        }
        return html.toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
