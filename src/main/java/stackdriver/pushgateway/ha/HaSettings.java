package stackdriver.pushgateway.ha;

import java.time.Duration;
import stackdriver.pushgateway.config.GatewaySettings;

/**
 * {@code gateway.ha}: whether writer replicas choose one exporting leader on a Kubernetes Lease, and the Lease's
 * name, namespace and timings (as client-go's leader election takes them: lease > renew deadline > retry period).
 *
 * @param identity      this replica in the Lease: {@code gateway.ha.identity}, else the pod's name ({@code HOSTNAME})
 * @param kubernetesUrl the API server ({@code gateway.ha.kubernetes-url}); empty: found as fabric8 finds it (the pod's
 *                      service account in a cluster, else the kubeconfig)
 */
public record HaSettings(boolean enabled, String namespace, String leaseName, String identity, Duration leaseDuration,
        Duration renewDeadline, Duration retryPeriod, String kubernetesUrl) {

    public static HaSettings from(GatewaySettings settings, String hostname) {
        boolean enabled = settings.getChoice("gateway.ha", "off", "kubernetes").equals("kubernetes");
        String identity = settings.get("gateway.ha.identity", "");
        if (identity.isEmpty()) {
            identity = hostname == null ? "" : hostname.trim();
        }
        if (enabled && identity.isEmpty()) {
            throw new IllegalArgumentException("gateway.ha=kubernetes needs gateway.ha.identity (or HOSTNAME, the pod's name)");
        }
        Duration lease = settings.getPositiveDuration("gateway.ha.lease-duration");
        Duration renew = settings.getPositiveDuration("gateway.ha.renew-deadline");
        Duration retry = settings.getPositiveDuration("gateway.ha.retry-period");
        if (renew.compareTo(lease) >= 0 || retry.multipliedBy(12).dividedBy(10).compareTo(renew) >= 0) {
            throw new IllegalArgumentException("gateway.ha.lease-duration must be longer than gateway.ha.renew-deadline,"
                    + " and that longer than 1.2 x gateway.ha.retry-period");
        }
        String url = settings.get("gateway.ha.kubernetes-url", "").trim();
        if (!url.isEmpty() && !url.matches("https?://[^/\\s]+(/\\S*)?")) {
            throw new IllegalArgumentException("gateway.ha.kubernetes-url must be the API server's http:// or https://"
                    + " URL, not \"" + url + "\"");
        }
        return new HaSettings(enabled, settings.get("gateway.ha.namespace"), settings.get("gateway.ha.lease-name"),
                identity, lease, renew, retry, url);
    }
}
