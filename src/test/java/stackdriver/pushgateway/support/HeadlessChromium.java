package stackdriver.pushgateway.support;

import java.io.File;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its own chromedriver (packages {@code chromium} and
 * {@code chromium-driver}): both paths given, so that Selenium Manager never looks for a browser or a driver on
 * the internet.
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final File BROWSER = new File("/usr/bin/chromium");
    public static final File DRIVER = new File("/usr/bin/chromedriver");
    /** Generous: a slow, shared 2-core machine starts a browser and renders slowly; waits end as soon as they can. */
    public static final Duration WAIT = Duration.ofSeconds(60);

    private final ChromeDriver driver;

    public HeadlessChromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--force-device-scale-factor=1", "--lang=en-US", "--no-first-run",
                "--disable-extensions", "--disable-background-networking");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER)
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT, Duration.ofMillis(50));
    }

    /** Every request of the page from now on carries the header, fetch() calls included (through DevTools). */
    public void sendHeader(String name, String value) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of(name, value)));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
