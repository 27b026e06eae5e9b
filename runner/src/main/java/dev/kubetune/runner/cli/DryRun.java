package dev.kubetune.runner.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubetune.runner.infer.InferConfig;
import dev.kubetune.runner.infer.InferSettings;
import dev.kubetune.runner.infer.InferencePlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code --dry-run} prints, as YAML: the configuration given, every setting resolved, and each row with its prompt. */
final class DryRun {

    private static final YAMLMapper YAML = (YAMLMapper) new YAMLMapper()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);

    private DryRun() {
    }

    static String describe(InferConfig given, InferencePlan plan) {
        InferSettings s = plan.settings();
        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("model", s.model().toString());
        resolved.put("adapter", s.adapter() == null ? null : s.adapter().toString());
        resolved.put("data", s.data().toString());
        resolved.put("fields", s.fields());
        Map<String, Object> selection = new LinkedHashMap<>();
        selection.put("ids", s.selection().ids());
        selection.put("id_file", s.selection().idFile() == null ? null : s.selection().idFile().toString());
        selection.put("limit", s.selection().limit());
        resolved.put("selection", selection);
        resolved.put("prompt_template", s.promptTemplate());
        resolved.put("system", s.system());
        resolved.put("chat_template", s.chatTemplate());
        resolved.put("chat_template_name", s.chatTemplateName());
        resolved.put("chat_template_args", s.chatOptions().args());
        resolved.put("system_in_user_turn", s.chatOptions().systemInUserTurn());
        resolved.put("generation", s.generation());
        resolved.put("labels", plan.labels());
        resolved.put("extract", s.extract().value());
        resolved.put("output", s.output().toString());
        resolved.put("output_format", s.outputFormat().value());
        resolved.put("metrics", s.metrics().toString());
        resolved.put("cache_dir", s.cacheDir() == null ? null : s.cacheDir().toString());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("given", given);
        doc.put("resolved", resolved);
        doc.put("row_count", plan.rows().size());
        List<Map<String, String>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < plan.rows().size(); i++) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("id", plan.rows().get(i).id());
            row.put("prompt", plan.prompts().get(i));
            rows.add(row);
        }
        doc.put("rows", rows);
        try {
            return YAML.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
