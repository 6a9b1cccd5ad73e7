package io.paddock.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void splitsAtWhiteSpaceOutsideQuotes() {
        assertThat(ShellWords.split("  npm   run\tstart ")).containsExactly("npm", "run", "start");
        assertThat(ShellWords.split("sh -c 'echo hello world'")).containsExactly("sh", "-c", "echo hello world");
        assertThat(ShellWords.split("echo \"a  b\"c")).containsExactly("echo", "a  bc");
    }

    @Test
    void keepsAnEmptyQuotedWord() {
        assertThat(ShellWords.split("printf '' x")).containsExactly("printf", "", "x");
    }

    @Test
    void aBackslashEscapesOutsideQuotesAndInDoubleQuotesButNotInSingleQuotes() {
        assertThat(ShellWords.split("echo a\\ b")).containsExactly("echo", "a b");
        assertThat(ShellWords.split("echo \"say \\\"hi\\\"\"")).containsExactly("echo", "say \"hi\"");
        assertThat(ShellWords.split("echo 'a\\b'")).containsExactly("echo", "a\\b");
    }

    @Test
    void nothingIsNoWords() {
        assertThat(ShellWords.split("")).isEmpty();
        assertThat(ShellWords.split("   ")).isEmpty();
    }
}
