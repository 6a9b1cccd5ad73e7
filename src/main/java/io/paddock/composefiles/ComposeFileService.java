package io.paddock.composefiles;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import io.paddock.composefiles.ComposeFileDtos.ValidateAnswer;
import io.paddock.environments.Compose;
import io.paddock.environments.ComposeValidator;
import io.paddock.errors.ApiError.Detail;
import io.paddock.errors.JsonPointers;

/**
 * docker-compose files made into Paddock's compose definition and validated as a create validates its
 * {@code composeDefinition}: the same constraints, the same {@link ComposeValidator}. Nothing is stored.
 */
@ApplicationScoped
public class ComposeFileService {

    @Inject ComposeYaml yaml;
    @Inject Validator validator;

    /** The translation of {@code text} with internal image tags at {@code imageSuffix} (when given), validated. */
    public ValidateAnswer validate(String text, String imageSuffix) {
        Map<String, Object> document = yaml.read(text);
        Translation.Result translated = Translation.translate(document, imageSuffix);
        Compose compose = translated.compose().withDefaults();
        List<Detail> problems = new ArrayList<>();
        for (ConstraintViolation<Compose> violation : validator.validate(compose)) {
            problems.add(new Detail(JsonPointers.bodyPath(violation.getPropertyPath()), violation.getMessage()));
        }
        problems.addAll(ComposeValidator.problems(compose, ""));
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(Detail::path));
            throw new Untranslatable("The compose file was translated, but the compose definition it makes is not valid: "
                    + describe(compose, problems.get(0)) + (problems.size() > 1 ? " (and " + (problems.size() - 1)
                    + " more problems, see details; their paths point into the translated compose definition, where "
                    + "container i is the i-th service)" : ""), problems);
        }
        int[] size = ComposeValidator.resolveTaskSize(compose);
        return new ValidateAnswer("Docker-compose YAML translated and validated successfully.",
                compose.withTaskSize(size[0], size[1]), translated.warnings());
    }

    private static String describe(Compose compose, Detail problem) {
        String[] segments = problem.path().split("/");
        if (segments.length > 2 && segments[1].equals("containers") && segments[2].matches("\\d+")) {
            int index = Integer.parseInt(segments[2]);
            if (index < compose.containers().size()) {
                return "service '" + compose.containers().get(index).name() + "', at " + problem.path() + ", "
                        + problem.message();
            }
        }
        return problem.path() + " " + problem.message();
    }
}
