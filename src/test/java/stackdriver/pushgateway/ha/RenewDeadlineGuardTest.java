package stackdriver.pushgateway.ha;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenewDeadlineGuardTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-12-08T12:00:00Z");

    private final List<String> calls = new ArrayList<>();
    private final RenewDeadlineGuard guard = new RenewDeadlineGuard(DEADLINE, previousDone -> calls.add("lead " + previousDone),
            () -> calls.add("follow"));

    @Test
    void aLeaderRenewingInTimeKeepsExporting() {
        guard.renewed(T0);
        guard.elected(Instant.EPOCH);
        for (int s = 2; s <= 60; s += 2) {
            guard.renewed(T0.plusSeconds(s - 2));
            guard.check(T0.plusSeconds(s));
        }

        assertThat(calls).containsExactly("lead " + Instant.EPOCH);
        assertThat(guard.exporting()).isTrue();
    }

    @Test
    void theExportStopsOnceTheDeadlinePassedWithoutARenewalEvenWhileTheElectorStillCountsItTheLeader() {
        guard.renewed(T0);
        guard.elected(Instant.EPOCH);

        guard.check(T0.plus(DEADLINE));
        assertThat(guard.exporting()).isTrue();
        guard.check(T0.plus(DEADLINE).plusMillis(1));
        guard.check(T0.plus(DEADLINE).plusSeconds(1));

        assertThat(calls).containsExactly("lead " + Instant.EPOCH, "follow");
        assertThat(guard.exporting()).isFalse();
    }

    @Test
    void aRenewalThatSucceedsLateResumesTheExportAfterItsStop() {
        guard.renewed(T0);
        guard.elected(Instant.EPOCH);
        Instant stopped = T0.plus(DEADLINE).plusMillis(500);
        guard.check(stopped);

        guard.renewed(T0.plus(DEADLINE).plusSeconds(1));
        guard.check(T0.plus(DEADLINE).plusSeconds(2));

        assertThat(calls).containsExactly("lead " + Instant.EPOCH, "follow", "lead " + stopped);
        assertThat(guard.exporting()).isTrue();
    }

    @Test
    void anExportThatCouldNotBeStoppedIsStoppedAtTheNextCheck() {
        List<String> follows = new ArrayList<>();
        RenewDeadlineGuard failingOnce = new RenewDeadlineGuard(DEADLINE, previousDone -> { }, () -> {
            follows.add("follow");
            if (follows.size() == 1) {
                throw new IllegalStateException("cannot stop the export");
            }
        });
        failingOnce.renewed(T0);
        failingOnce.elected(Instant.EPOCH);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> failingOnce.check(T0.plus(DEADLINE).plusSeconds(1)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(failingOnce.exporting()).isTrue();
        failingOnce.check(T0.plus(DEADLINE).plusSeconds(2));

        assertThat(follows).hasSize(2);
        assertThat(failingOnce.exporting()).isFalse();
    }

    @Test
    void aReplicaTheElectorDeposedDoesNotResumeOnARenewal() {
        guard.renewed(T0);
        guard.elected(Instant.EPOCH);
        guard.check(T0.plus(DEADLINE).plusSeconds(1));
        guard.deposed();

        guard.renewed(T0.plus(DEADLINE).plusSeconds(2));
        guard.check(T0.plus(DEADLINE).plusSeconds(3));

        assertThat(calls).containsExactly("lead " + Instant.EPOCH, "follow", "follow");
        assertThat(guard.exporting()).isFalse();
    }
}
