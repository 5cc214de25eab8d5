package org.lvyue.itests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The browser of the console's tests: Debian's headless Chromium driven by its chromedriver (what {@code .ci/run}
 * installs), in Chinese, a 1366×900 window at scale 1.
 */
final class HeadlessChrome {
    private static final String CHROMIUM = System.getProperty("lvyue.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("lvyue.chromedriver", "/usr/bin/chromedriver");

    private HeadlessChrome() {
    }

    /** Skips the test class, naming the packages, where Chromium is not installed (checked before starting Karaf). */
    static void requireInstalled() {
        assumeTrue(Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER)),
                "Browser tests SKIPPED: Debian's chromium is not installed (apt-get install chromium chromium-driver)");
    }

    /**
     * @param prefs     Chromium preferences besides the accepted languages (a download folder...)
     * @param arguments command-line switches besides the shared ones
     */
    static ChromeDriver start(Map<String, Object> prefs, String... arguments) {
        requireInstalled();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        List<String> switches = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--disable-gpu", "--window-size=1366,900", "--lang=zh-CN", "--force-device-scale-factor=1"));
        switches.addAll(List.of(arguments));
        options.addArguments(switches);
        Map<String, Object> all = new HashMap<>(prefs);
        all.put("intl.accept_languages", "zh-CN,zh");
        options.setExperimentalOption("prefs", all);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
