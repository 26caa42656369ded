package io.postureaudit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.fakeaws.FakeIam;
import io.postureaudit.inventory.InventoryService;
import io.postureaudit.support.PlantedFinding;
import io.postureaudit.support.Api;
import io.postureaudit.support.Browser;
import io.postureaudit.support.Estates;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in a real headless Chromium: a person signs in, filters, opens a finding, suppresses it with a
 * justification, sees it suppressed in the list and in its history, and signs out; asks the simulator from a
 * principal's page; retries a dead letter from the outbox page; and an estate full of markup shows it as text,
 * with nothing executed.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class BrowserTest {

    static final String ACCOUNT = "999999999998";
    static final String HOSTILE = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";
    static final String MARKER = "browser-flow-7781";

    @TestHTTPResource("/")
    URL base;

    @Inject
    InventoryService inventory;

    static Browser browser;

    @BeforeAll
    static void openBrowser() {
        browser = new Browser();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    long plantFinding(String title, String message) {
        inventory.ensureAccount(ACCOUNT, "stag" + HOSTILE, false);
        return PlantedFinding.on(ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":role/" + title.hashCode())
                .fingerprintedAs("browser_test").title(title).message(message).store();
    }

    void signIn(WebDriver d, String user, String password) {
        d.get(url("/findings"));
        wait(d).until(ExpectedConditions.urlContains("/login"));
        d.findElement(By.id("username")).sendKeys(user);
        d.findElement(By.id("password")).sendKeys(password);
        d.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        wait(d).until(ExpectedConditions.presenceOfElementLocated(By.id("f-q")));
    }

    static WebDriverWait wait(WebDriver d) {
        return new WebDriverWait(d, Duration.ofSeconds(30));
    }

    static void assertNothingRan(WebDriver d) {
        assertTrue(d.findElements(By.tagName("main")).size() == 1, "a page was shown");
        try {
            d.switchTo().alert();
            throw new AssertionError("an alert opened: injected script ran");
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) d).executeScript("return window.__pwned === undefined;"),
                "injected markup must not run");
    }

    void signOut(WebDriver d) {
        d.findElement(By.cssSelector("form[action='/logout'] button")).click();
        wait(d).until(ExpectedConditions.urlContains("/login"));
    }

    @Test
    void shouldSignInFilterOpenSuppressAndSeeItInListAndHistoryThenSignOut() {
        long id = plantFinding("Role " + MARKER + " trusts everyone", "IAM role " + MARKER + " can be assumed by anyone.");
        WebDriver d = browser.driver();
        browser.run("suppress-flow", () -> {
            signIn(d, "admin", "admin-pass");
            d.findElement(By.id("f-q")).sendKeys(MARKER);
            new Select(d.findElement(By.id("f-status"))).selectByValue("");
            d.findElement(By.cssSelector("form.filters button[type=submit]")).click();
            wait(d).until(ExpectedConditions.urlContains("q=" + MARKER));
            assertTrue(d.findElement(By.id("total")).getText().startsWith("1 "), d.findElement(By.id("total")).getText());
            d.findElement(By.linkText("Role " + MARKER + " trusts everyone")).click();
            wait(d).until(ExpectedConditions.urlContains("/findings/" + id));
            assertEquals("open", d.findElement(By.id("status")).getText().strip());
            d.findElement(By.id("justification")).sendKeys("Break-glass role, reviewed with the SRE team");
            d.findElement(By.id("suppress")).click();
            wait(d).until(ExpectedConditions.presenceOfElementLocated(By.id("unsuppress")));
            assertTrue(d.findElement(By.id("status")).getText().startsWith("suppressed"));
            String history = d.findElement(By.id("history")).getText();
            assertTrue(history.contains("suppressed") && history.contains("admin")
                    && history.contains("Break-glass role, reviewed with the SRE team"), history);
            d.get(url("/findings?status=suppressed&q=" + MARKER));
            String row = d.findElement(By.cssSelector("table tbody tr")).getText();
            assertTrue(row.contains("suppressed") && row.contains("Break-glass role"), row);
            signOut(d);
            d.get(url("/findings"));
            wait(d).until(ExpectedConditions.urlContains("/login"));
        });
    }

    @Test
    void shouldRetryDeadLetterFromOutboxPageWhenAdmin() {
        long id = OutboxPageTest.deadLetter("browser-outbox-" + System.nanoTime(),
                "Slack refused chat.postMessage: channel_not_found");
        WebDriver d = browser.driver();
        browser.run("outbox-retry", () -> {
            signIn(d, "admin", "admin-pass");
            d.findElement(By.cssSelector("nav a[href='/outbox']")).click();
            wait(d).until(ExpectedConditions.presenceOfElementLocated(By.id("message-" + id)));
            assertTrue(d.findElement(By.id("message-" + id)).getText().contains("channel_not_found"));
            d.findElement(By.id("retry-" + id)).click();
            wait(d).until(ExpectedConditions.presenceOfElementLocated(By.id("retried")));
            assertTrue(d.getCurrentUrl().contains("status=pending"), d.getCurrentUrl());
            assertTrue(d.findElement(By.id("message-" + id)).getText().contains("finding-opened"));
            assertEquals("page", d.findElement(By.id("tab-pending")).getAttribute("aria-current"));
            signOut(d);
        });
    }

    @Test
    void shouldAnswerSimulatorFormOnPrincipalPage() {
        Estates.plantDev(TestEnvironment.iam(), TestEnvironment.DEV);
        Api.scan();
        WebDriver d = browser.driver();
        browser.run("principal-simulator", () -> {
            signIn(d, "viewer", "viewer-pass");
            d.get(url("/principals?account=" + TestEnvironment.DEV));
            d.findElement(By.partialLinkText("user/kenta")).click();
            wait(d).until(ExpectedConditions.presenceOfElementLocated(By.id("sim-action")));
            assertTrue(d.findElement(By.id("score")).getText().endsWith("/ 100"));
            d.findElement(By.id("sim-action")).sendKeys("iam:CreateUser");
            d.findElement(By.id("sim-resource")).sendKeys("*");
            d.findElement(By.id("sim-submit")).click();
            assertEquals("allowed", wait(d).until(ExpectedConditions.presenceOfElementLocated(By.id("decision")))
                    .getText(), "kenta's group grants everything");
            d.get(url("/principals?account=" + TestEnvironment.DEV));
            d.findElement(By.partialLinkText("user/yui")).click();
            wait(d).until(ExpectedConditions.presenceOfElementLocated(By.id("sim-action"))).sendKeys("iam:CreateUser");
            d.findElement(By.id("sim-submit")).click();
            assertEquals("implicitDeny", wait(d).until(ExpectedConditions.presenceOfElementLocated(By.id("decision")))
                    .getText());
            signOut(d);
        });
    }

    @Test
    void shouldReachScansAndRulesFromNavigationAndOpenRuleDetailsWithKeyboard() {
        Estates.plantDev(TestEnvironment.iam(), TestEnvironment.DEV);
        long id = Api.scan().getLong("id");
        WebDriver d = browser.driver();
        browser.run("scans-rules", () -> {
            signIn(d, "viewer", "viewer-pass");
            d.findElement(By.cssSelector("nav a[href='/scans']")).click();
            wait(d).until(ExpectedConditions.presenceOfElementLocated(By.id("scans")));
            d.findElement(By.linkText("#" + id)).click();
            wait(d).until(ExpectedConditions.presenceOfElementLocated(By.id("coverage")));
            assertTrue(d.findElement(By.id("coverage")).getText().contains(TestEnvironment.DEV));
            assertFalse(d.findElement(By.id("duration")).getText().isBlank());
            d.findElement(By.cssSelector("nav a[href='/rules']")).click();
            WebElement summary = wait(d).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#rule-kms_key_rotation_disabled summary")));
            WebElement details = d.findElement(By.cssSelector("#rule-kms_key_rotation_disabled details"));
            assertEquals(null, details.getDomAttribute("open"));
            ((JavascriptExecutor) d).executeScript("arguments[0].focus();", summary);
            d.switchTo().activeElement().sendKeys(Keys.ENTER);
            wait(d).until(x -> details.getDomAttribute("open") != null);
            assertTrue(details.getText().contains("aws kms enable-key-rotation"), "the rule's metadata shows: " + details.getText());
            assertNothingRan(d);
            signOut(d);
        });
    }

    @Test
    void shouldShowHostileStringsAsTextAndRunNothing() {
        Estates.plantDev(TestEnvironment.iam(), TestEnvironment.DEV);
        FakeIam.Estate estate = TestEnvironment.iam().estate(TestEnvironment.DEV);
        synchronized (estate) {
            estate.users.get(0).tags.put("owner", HOSTILE);
            estate.users.get(0).tags.put("link", "javascript:window.__pwned=3");
        }
        Api.scan();
        long id = plantFinding("Hostile " + HOSTILE, "Message " + HOSTILE + " <a href=\"javascript:window.__pwned=4\">x</a>");
        WebDriver d = browser.driver();
        browser.run("hostile-estate", () -> {
            signIn(d, "admin", "admin-pass");
            for (String path : List.of("/findings?status=&account=" + ACCOUNT, "/findings/" + id, "/",
                    "/scans", "/rules",
                    "/principals?account=" + TestEnvironment.DEV, "/findings?status=&q=" + HOSTILE.substring(0, 8))) {
                d.get(url(path));
                assertNothingRan(d);
            }
            d.get(url("/findings/" + id));
            assertTrue(d.findElement(By.tagName("h1")).getText().contains("<script>window.__pwned=2</script>"),
                    "markup shows as text");
            assertTrue(d.findElements(By.cssSelector("main a[href^='javascript:']")).isEmpty());
            d.get(url("/findings?status=&q=kenta"));
            d.get(url("/principals/detail?arn=arn:aws:iam::" + TestEnvironment.DEV + ":user/kenta"));
            assertNothingRan(d);
            List<LogEntry> errors = browser.console().stream().filter(e -> e.getLevel().intValue()
                    >= Level.SEVERE.intValue()).toList();
            assertTrue(errors.stream().noneMatch(e -> e.getMessage().contains("Content Security Policy")
                    || e.getMessage().contains("pwned")), errors.toString());
            assertFalse(d.getPageSource().contains("<script>window.__pwned"), "escaped in the source");
            signOut(d);
        });
    }
}
