package org.lvyue.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * 今日巡检 (issue #24) in a real headless Chromium against the real distribution started as a process, without the demo
 * year (the demo contract and its parties only, so every item of the day is still to do): an engineer records the
 * day's checks on a phone (390×844) and corrects one at desktop width (1366×900); an evaluator sees the page read-only.
 * At each width the page never scrolls sideways and the save button is on screen.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChecklistBrowserIT {
    private static final int PORT = 8189;
    private static final String CONTRACT = "bj-hrss-2022";
    /** A Friday, the last working day before 2023's 元旦: daily, weekly, monthly and the holiday items are due. */
    private static final String DAY = "2022-12-30";
    private static final String API = "/api/contracts/" + CONTRACT + "/checklist/" + DAY;
    private static final Path TARGET = Path.of("target").toAbsolutePath();

    private KarafProcess karaf;
    private ChromeDriver driver;
    private WebDriverWait wait;

    @BeforeAll
    void startTheDistributionAndTheBrowser() throws IOException {
        driver = HeadlessChrome.start(Map.of());
        karaf = KarafProcess.start(TARGET.resolve("checklist-karaf"), PORT, 0);
        karaf.awaitUp();
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    @AfterAll
    void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (karaf != null) {
            karaf.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("on a phone an engineer marks items 正常 and 异常 with its fault record, a missing description is refused, and saving stores them")
    void anEngineerRecordsTheDaysChecksOnAPhone() {
        screen(390, 844, true);
        loginAs("engineer");
        openChecklist();
        assertNoSidewaysScroll();
        assertTrue(text(test("checklist-summary")).contains(DAY), text(test("checklist-summary")));

        WebElement d05 = item("ia.d05", "主", DAY);
        click(d05, "result-normal");
        WebElement d06 = item("ia.d06", "主", DAY);
        click(d06, "result-abnormal");
        WebElement fault = d06.findElement(test("fault"));
        assertTrue(fault.isDisplayed(), "异常 asks for the fault record");
        fault.findElement(test("fault-reported-to")).sendKeys("甲方信息中心 王工");
        assertNoSidewaysScroll();

        // the description left out: refused with the entry's field, nothing stored
        save();
        wait.until(ExpectedConditions.visibilityOfElementLocated(test("error")));
        assertTrue(text(test("problems")).contains("fault.description"), text(test("problems")));
        assertTrue(d06.findElement(test("check-problem")).isDisplayed());
        assertEquals(0, standing(karaf.get(API, "engineer").json(), "ia.d05", "主"), "nothing stored");

        fault.findElement(test("fault-description")).sendKeys("证书随机数验证服务超时");
        save();
        wait.until(ExpectedConditions.visibilityOfElementLocated(test("checklist-saved")));
        assertNoSidewaysScroll();

        JsonNode list = karaf.get(API, "engineer").json();
        assertEquals(1, standing(list, "ia.d05", "主"));
        JsonNode abnormal = records(list, "ia.d06").get(0);
        assertFalse(abnormal.path("normal").asBoolean());
        assertEquals("e*******", abnormal.path("engineer").asText(), "personal: masked");
        assertEquals("证书随机数验证服务超时", abnormal.path("faults").get(0).path("description").asText());
        assertEquals("甲方信息中心 王*", abnormal.path("faults").get(0).path("reportedTo").asText(), "personal: masked");
        WebElement shown = item("ia.d05", "主", DAY);
        assertEquals("e*******", shown.findElement(test("record-who")).getText());
    }

    @Test
    @Order(2)
    @DisplayName("at desktop width a correction is a new record: the old one stays, shown as corrected")
    void aCorrectionAtDesktopWidthIsANewRecord() {
        screen(1366, 900, false);
        loginAs("engineer");
        openChecklist();
        assertNoSidewaysScroll();
        WebElement d05 = item("ia.d05", "主", DAY);
        click(d05, "correct");
        click(d05, "result-abnormal");
        d05.findElement(test("fault-description")).sendKeys("复查发现服务日志报错");
        d05.findElement(test("note")).sendKeys("复查更正");
        save();
        wait.until(ExpectedConditions.visibilityOfElementLocated(test("checklist-saved")));

        JsonNode records = records(karaf.get(API, "engineer").json(), "ia.d05");
        assertEquals(2, records.size(), records.toString());
        assertEquals(records.get(1).path("factId").asText(), records.get(0).path("supersededBy").asText());
        assertEquals(records.get(0).path("factId").asText(), records.get(1).path("supersedes").asText());
        WebElement again = item("ia.d05", "主", DAY);
        assertEquals(1, again.findElements(test("record-superseded")).size());
    }

    @Test
    @Order(3)
    @DisplayName("an evaluator sees the day's checks and what is recorded, with nothing to record")
    void anEvaluatorReadsThePageOnly() {
        screen(390, 844, true);
        loginAs("evaluator");
        openChecklist();
        assertNoSidewaysScroll();
        wait.until(ExpectedConditions.visibilityOfElementLocated(test("checklist-readonly")));
        assertTrue(driver.findElements(test("result-normal")).isEmpty());
        assertTrue(driver.findElements(test("checklist-save")).isEmpty());
        assertEquals("e*******", item("ia.d06", "主", DAY).findElement(test("record-who")).getText());
        KarafProcess.Reply refused = karaf.post(API, "evaluator", "[{\"obligationId\":\"ia.d07\",\"system\":\"主\",\"result\":\"正常\"}]");
        assertEquals(403, refused.status(), refused.body());
    }

    // ---------------------------------------------------------------------------------------------

    private void screen(int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    private static By test(String name) {
        return By.cssSelector("[data-test='" + name + "']");
    }

    private String text(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by)).getText();
    }

    private void loginAs(String user) {
        driver.get(karaf.base + "/");
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear(); localStorage.clear();");
        driver.get(karaf.base + "/#/login");
        driver.navigate().refresh();
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user")));
        name.sendKeys(user);
        driver.findElement(By.id("login-password")).sendKeys(user);
        driver.findElement(test("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(test("nav-checklist")));
    }

    private void openChecklist() {
        driver.get(karaf.base + "/#/c/" + CONTRACT + "/checklist?day=" + DAY);
        wait.until(ExpectedConditions.visibilityOfElementLocated(test("checklist")));
    }

    private WebElement item(String obligationId, String system, String period) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(test("check-" + obligationId + "-" + system + "-" + period)));
    }

    /** Clicks a control of an item as a finger would: scrolled into view first, then on screen. */
    private void click(WebElement item, String control) {
        WebElement e = item.findElement(test(control));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
        wait.until(ExpectedConditions.elementToBeClickable(e)).click();
    }

    /** The save bar stays on screen (sticky) wherever the list is scrolled; its button is clicked where it is. */
    private void save() {
        WebElement button = wait.until(ExpectedConditions.elementToBeClickable(test("checklist-save")));
        assertTrue((Boolean) ((JavascriptExecutor) driver).executeScript(
                "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight"
                        + " && r.left >= 0 && r.right <= window.innerWidth;", button), "the save button is on screen");
        button.click();
    }

    private void assertNoSidewaysScroll() {
        Object widths = ((JavascriptExecutor) driver).executeScript(
                "return [document.documentElement.scrollWidth, window.innerWidth];");
        java.util.List<?> w = (java.util.List<?>) widths;
        assertTrue(((Number) w.get(0)).longValue() <= ((Number) w.get(1)).longValue(), "the page scrolls sideways: " + w);
    }

    private static JsonNode records(JsonNode list, String obligationId) {
        for (JsonNode i : list.path("items")) {
            if (i.path("obligationId").asText().equals(obligationId)) {
                return i.path("records");
            }
        }
        throw new AssertionError(obligationId + " not due on " + DAY);
    }

    /** The records of the item on the system that stand (not corrected). */
    private static int standing(JsonNode list, String obligationId, String system) {
        int n = 0;
        for (JsonNode r : records(list, obligationId)) {
            if (r.path("system").asText().equals(system) && !r.hasNonNull("supersededBy")) {
                n++;
            }
        }
        return n;
    }
}
