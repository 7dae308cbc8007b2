package stackdriver.pushgateway.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GoFloatTest {

    @Test
    void formattedValuesParseBackToTheSameDouble() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            double v = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(v)) {
                continue;
            }
            assertThat(GoFloat.parse(GoFloat.format(v))).as("%s", v).isEqualTo(v);
        }
    }

    @Test
    void fastPathAgreesWithJavaParsing() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            String s = random.nextLong(1_000_000_000_000_000L) + "." + random.nextInt(1000);
            assertThat(GoFloat.parse(s)).as(s).isEqualTo(Double.parseDouble(s));
        }
    }
}
