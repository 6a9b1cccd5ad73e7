package io.paddock.environments;

import java.util.ArrayList;
import java.util.List;

import io.paddock.environments.Compose.Container;
import io.paddock.environments.Compose.ImageReference;

/** Rewrites the tags of a compose's internal images; external images are never touched. */
public final class ImageTags {

    private ImageTags() {
    }

    /**
     * Replaces the text after the last {@code -} of each internal tag with the suffix ({@code cli-latest}
     * with {@code feature-xyz} becomes {@code cli-feature-xyz}); a tag without {@code -} gets {@code -<suffix>}.
     */
    public static Compose withSuffix(Compose compose, String suffix) {
        return rewrite(compose, tag -> {
            int dash = tag.lastIndexOf('-');
            return dash < 0 ? tag + "-" + suffix : tag.substring(0, dash + 1) + suffix;
        });
    }

    /** Sets every internal image's tag to the given tag. */
    public static Compose withTag(Compose compose, String tag) {
        return rewrite(compose, ignored -> tag);
    }

    private static Compose rewrite(Compose compose, java.util.function.UnaryOperator<String> newTag) {
        if (compose.containers() == null) {
            return compose;
        }
        List<Container> containers = new ArrayList<>();
        for (Container c : compose.containers()) {
            ImageReference image = c.imageReference();
            if (image != null && image.isInternal() && image.identifier() != null) {
                c = c.withImage(new ImageReference(image.type(), newTag.apply(image.identifier())));
            }
            containers.add(c);
        }
        return compose.withContainers(containers);
    }
}
