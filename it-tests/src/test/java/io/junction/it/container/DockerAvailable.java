package io.junction.it.container;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs the container tests only where a Docker engine answers; elsewhere they are skipped, except under CI (the
 * {@code CI} environment variable is set), where a missing engine fails them: CI must not pass without them.
 */
final class DockerAvailable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return ConditionEvaluationResult.enabled("a Docker engine is reachable");
        }
        if (System.getenv("CI") != null) {
            throw new IllegalStateException("CI is set but no Docker engine is reachable: start dockerd (.ci/run "
                    + "does) before running the container tests");
        }
        return ConditionEvaluationResult.disabled("no Docker engine is reachable (under CI this fails instead)");
    }
}
