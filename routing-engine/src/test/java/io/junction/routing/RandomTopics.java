package io.junction.routing;

import java.util.Random;

/** Random topic names and filters over a small pool of levels, so that they often overlap. */
public final class RandomTopics {
    private final Random random;
    private final String[] levels;

    public RandomTopics(long seed, String... levels) {
        this.random = new Random(seed);
        this.levels = levels;
    }

    public Random random() {
        return random;
    }

    /** A topic name of 1 to {@code maxDepth} levels. */
    public String topic(int maxDepth) {
        return join(1 + random.nextInt(maxDepth), false);
    }

    /** A valid filter of 1 to {@code maxDepth} levels with {@code +} and a trailing {@code #} now and then. */
    public String filter(int maxDepth) {
        return join(1 + random.nextInt(maxDepth), true);
    }

    private String join(int depth, boolean wildcards) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            if (i > 0) {
                text.append('/');
            }
            int pick = wildcards ? random.nextInt(10) : 9;
            if (pick < 2) {
                text.append('+');
            } else if (pick == 2 && i == depth - 1) {
                text.append('#');
            } else {
                text.append(levels[random.nextInt(levels.length)]);
            }
        }
        // A lone empty level is not a valid name or filter; "/" (two empty levels) is.
        return text.isEmpty() ? "/" : text.toString();
    }
}
