package stackdriver.pushgateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelDecodingTest {

    @Test
    void entriesComeBackInTheOrderTheyWereReadWhenThereAreManyMoreThanThreadsAndThanMayWait() throws IOException {
        List<String> decoded = new ArrayList<>();
        Set<String> decodingThreads = ConcurrentHashMap.newKeySet();
        try (ParallelDecoding<String> decoding = new ParallelDecoding<>(3)) {
            for (int i = 0; i < 1_000; i++) {
                int entry = i;
                decoding.submit(() -> {
                    decodingThreads.add(Thread.currentThread().getName());
                    return "entry " + entry;
                });
            }
            for (int i = 0; i < decoding.size(); i++) {
                decoded.add(decoding.get(i));
            }
        }

        assertThat(decoded).containsExactlyElementsOf(IntStream.range(0, 1_000).mapToObj(i -> "entry " + i).toList());
        assertThat(decodingThreads).containsOnly("restore-decode").doesNotContain(Thread.currentThread().getName());
    }

    @Test
    void nothingSubmittedIsNothingDecoded() {
        try (ParallelDecoding<String> decoding = new ParallelDecoding<>()) {
            assertThat(decoding.size()).isZero();
        }
    }

    @Test
    void anEntryThatCannotBeDecodedThrowsItsOwnErrorAndTheOthersAreStillDecoded() throws IOException {
        try (ParallelDecoding<String> decoding = new ParallelDecoding<>(2)) {
            decoding.submit(() -> "first");
            decoding.submit(() -> {
                throw new CorruptStateException("entry 1 is damaged");
            });
            decoding.submit(() -> {
                throw new IOException("entry 2 cannot be read");
            });
            decoding.submit(() -> "last");

            assertThat(decoding.get(0)).isEqualTo("first");
            assertThatThrownBy(() -> decoding.get(1)).isInstanceOf(CorruptStateException.class)
                    .hasMessage("entry 1 is damaged");
            assertThatThrownBy(() -> decoding.get(2)).isInstanceOf(IOException.class)
                    .hasMessage("entry 2 cannot be read");
            assertThat(decoding.get(3)).isEqualTo("last");
        }
    }
}
