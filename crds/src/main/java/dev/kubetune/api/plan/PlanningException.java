package dev.kubetune.api.plan;

/** The rows cannot be planned as asked (fewer rows than folds, a label too rare to stratify). */
public class PlanningException extends RuntimeException {

    public PlanningException(String message) {
        super(message);
    }
}
