package stackdriver.pushgateway.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.google.pubsub.GooglePubsubConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import stackdriver.pushgateway.ingest.PushRejectedException;

class DeadLetterMessageTest {

    @Test
    void theDeadLetterIsTheMessageAsItCameWithItsReasonAndStillAcknowledgedWhenTheExchangeCompletes() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setHeader(GooglePubsubConstants.ACK_ID, "ack-17");
            exchange.getMessage().setHeader("step-header", "set by a step");
            exchange.getMessage().setBody("parsed, then changed");
            exchange.setProperty(PubSubPushReader.ORIGINAL_BODY, "x{".getBytes(StandardCharsets.UTF_8));
            exchange.setProperty(PubSubPushReader.ORIGINAL_ATTRIBUTES, Map.of("grouping_key", "/job/app"));
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new PushRejectedException(400, "text format parsing error in line 1"));

            new DeadLetterMessage().process(exchange);

            assertThat(exchange.getMessage().getHeaders()).containsOnly(
                    Map.entry("grouping_key", "/job/app"),
                    Map.entry(PushMessage.ERROR, "text format parsing error in line 1"),
                    // what Camel's consumer acknowledges the message by; its header filter keeps it out of attributes
                    Map.entry(GooglePubsubConstants.ACK_ID, "ack-17"));
            assertThat(exchange.getMessage().getBody(byte[].class)).isEqualTo("x{".getBytes(StandardCharsets.UTF_8));
        }
    }
}
