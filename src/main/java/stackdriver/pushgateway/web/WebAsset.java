package stackdriver.pushgateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import stackdriver.pushgateway.http.Answer;

/**
 * One file of the web page, packaged in the jar under {@code web/}: nothing is fetched from the internet. The
 * page is told the route prefix (its {@code {{prefix}}}), so that it finds the API under
 * {@code --web.route-prefix}.
 */
public class WebAsset implements Processor {

    private final String contentType;
    private final byte[] body;

    /** @param prefix the route prefix without a trailing slash: "" for none */
    public WebAsset(String resource, String contentType, String prefix) {
        this.contentType = contentType;
        this.body = read(resource).replace("{{prefix}}", prefix).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Answer.body(message, 200, contentType, body);
        // a gateway upgraded in place serves its new page at once
        message.setHeader("Cache-Control", "no-cache");
    }

    private static String read(String resource) {
        try (InputStream in = WebAsset.class.getResourceAsStream("/web/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("the web page's " + resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
