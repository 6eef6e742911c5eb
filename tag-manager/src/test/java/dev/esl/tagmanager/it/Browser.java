package dev.esl.tagmanager.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (both installed by scripts/test.sh): nothing is
 * downloaded, and the flags keep it off the network this machine does not have.
 */
final class Browser implements AutoCloseable {
    static final String CHROMIUM = System.getProperty("esl.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("esl.chromedriver", "/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final Path screenshots;

    Browser(Path profile, Path screenshots) {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("browser tests need Debian's chromium and chromium-driver: "
                    + "apt-get install chromium chromium-driver (scripts/test.sh does it)");
        }
        this.screenshots = screenshots;
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath(), "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        // An element looked for on a page still loading is waited for (navigations are checked by URL).
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
    }

    WebDriverWait waiting(Duration atMost) {
        return new WebDriverWait(driver, atMost);
    }

    /** A PNG of the page as it is now, as {@code name}.png in the screenshot directory. */
    void screenshot(String name) {
        try {
            Files.createDirectories(screenshots);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the page has no such element, asked without the implicit wait (which would wait for it in vain). */
    boolean absent(By by) {
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        try {
            return driver.findElements(by).isEmpty();
        } finally {
            driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
        }
    }

    WebDriver resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
