package io.paddock.composefiles;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import io.paddock.PaddockConfig;

/**
 * Reads a docker-compose file into plain maps, lists and scalars, within limits: its size, the depth of its nesting,
 * and the aliases it may use (so a "billion laughs" document is refused, not expanded). Only YAML's standard types are
 * made (no tags naming Java classes); merge keys ({@code <<: *defaults}), which compose files use a lot, are applied.
 */
@ApplicationScoped
class ComposeYaml {

    private final long maxSize;
    private final int maxDepth;
    private final int maxAliases;

    ComposeYaml(PaddockConfig config) {
        this.maxSize = config.limits().composeYamlMaxSize().asLongValue();
        this.maxDepth = config.limits().composeYamlMaxDepth();
        this.maxAliases = config.limits().composeYamlMaxAliases();
    }

    /** The document's top-level mapping; an {@link Untranslatable} when it does not parse or is over a limit. */
    @SuppressWarnings("unchecked")
    Map<String, Object> read(String text) {
        if (text.length() > maxSize) {
            throw new Untranslatable("Invalid YAML: the compose file has " + text.length() + " characters, more than the "
                    + maxSize + " Paddock reads (paddock.limits.compose-yaml-max-size)");
        }
        if (text.isBlank()) {
            throw new Untranslatable("Invalid YAML: the compose file is empty; send the docker-compose.yml's content");
        }
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, maxSize));
        options.setNestingDepthLimit(maxDepth);
        options.setMaxAliasesForCollections(maxAliases);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(false);
        Object document;
        try {
            document = new Yaml(new SafeConstructor(options)).load(text);
        } catch (MarkedYAMLException e) {
            throw new Untranslatable("Invalid YAML: " + describe(e));
        } catch (YAMLException | StackOverflowError e) {
            throw new Untranslatable("Invalid YAML: " + e.getMessage());
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new Untranslatable("Invalid YAML: a compose file is a mapping with services at its top; this document is "
                    + (document == null ? "empty" : "a " + ComposeValues.kind(document)));
        }
        return (Map<String, Object>) map;
    }

    private static String describe(MarkedYAMLException e) {
        Mark mark = e.getProblemMark();
        String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
        return problem + (mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")");
    }
}
