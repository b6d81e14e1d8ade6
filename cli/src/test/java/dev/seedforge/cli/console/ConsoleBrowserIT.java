package dev.seedforge.cli.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium against a real server: {@code seedforge up} (the packaged command line)
 * runs the local stack, the simulator, the four services and the console as processes on a real broker and
 * PostgreSQL, with an API token on every service. Signs in on the console (a wrong token refused first), submits a spec with an
 * error and sees the field named; submits a good one (spec pasted, seeds file
 * uploaded, {@code review: {sample: 2}} so the export is held), approves its plan, watches progress reach the quotas
 * without a reload, rejects an exported example of a cell with surplus (when one has it) and sees the next one of the
 * surplus take its place, rejects one of a cell without surplus and sees the job generate its replacement (the new
 * example on the review page, in the files), train.jsonl change each time and the rejections recorded with who and
 * when, edits one into a format error and sees it refused, rejects one more of a cell without surplus and approves the
 * sample at once (the export is released once that replacement is in) and downloads train.jsonl. Then SIGTERM stops
 * everything it started. With {@code -Dconsole.screenshots=DIR} (relative to the repository, e.g. {@code docs})
 * it saves the jobs list, live progress and review pages there, and the review page after the generated replacement.
 */
class ConsoleBrowserIT {

    private static final Path HOME = Path.of(System.getProperty("seedforge.home", "..")).toAbsolutePath().normalize();
    private static final Pattern CONSOLE = Pattern.compile("Console: (http://localhost:\\d+/)");
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(6);
    /** The operator's token every service is started with: the browser signs in with it. */
    private static final String TOKEN = "console-it-" + java.util.UUID.randomUUID();

    @TempDir
    static Path work;

    private static Process server;
    private static Path serverLog;
    private static URI console;
    private static WebDriver browser;
    private static Path downloads;
    private static Path screenshots;

    @BeforeAll
    static void startServerAndBrowser() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver")),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does)");
        serverLog = work.resolve("up.log");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-Dseedforge.home=" + HOME,
                // the services start in 30 s on an idle machine and took over 3 minutes on a loaded one
                "-Dseedforge.start-timeout=PT9M", "-jar",
                HOME.resolve("cli/target/quarkus-app/quarkus-run.jar").toString(), "up", "--data-dir",
                work.resolve("data").toString(), "--out", work.resolve("out").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(serverLog.toFile());
        builder.environment().remove("OPENAI_API_KEY");
        builder.environment().put("SEEDFORGE_API_TOKEN", TOKEN);
        server = builder.start();
        console = awaitConsole(Duration.ofMinutes(10));

        downloads = Files.createDirectories(work.resolve("downloads"));
        String shots = System.getProperty("console.screenshots");
        // relative to the repository (docs/ there), not to the module the test runs in
        screenshots = shots == null || shots.isBlank() ? null : Files.createDirectories(HOME.resolve(shots));
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + Files.createDirectories(work.resolve("chromium")));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        // headless Chromium saves downloads only where it is told to
        chrome.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath",
                downloads.toString()));
        browser = chrome;
    }

    private static URI awaitConsole(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("seedforge up ended:\n" + Files.readString(serverLog));
            }
            Matcher matcher = CONSOLE.matcher(Files.readString(serverLog));
            if (matcher.find() && Files.readString(serverLog).contains("SeedForge is up")) {
                return URI.create(matcher.group(1));
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no console address within " + timeout + ":\n" + Files.readString(serverLog));
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (serverLog == null || !Files.exists(serverLog)) {
            return;
        }
        if (server != null && server.isAlive()) {
            server.destroy();
            assertTrue(server.waitFor(90, TimeUnit.SECONDS), "seedforge up did not stop on SIGTERM");
        }
        System.out.println(Files.readString(serverLog));
        // the services' logs, kept for a failed run (the temporary directory goes with the test)
        Path kept = Files.createDirectories(Path.of("target/console-browser-it-logs"));
        Files.copy(serverLog, kept.resolve("up.log"), StandardCopyOption.REPLACE_EXISTING);
        Path logs = work.resolve("data/logs");
        if (Files.isDirectory(logs)) {
            try (var files = Files.list(logs)) {
                for (Path log : files.toList()) {
                    Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        System.out.println("The services' logs are in " + kept.toAbsolutePath());
    }

    @Test
    void aPersonSubmitsApprovesWatchesReviewsAndDownloads() throws Exception {
        // generous: on a loaded 2-core machine a request through the console and a service took over 30 s
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
        // tokens are on: the console sends the browser to sign in, refuses a wrong token, then takes the right one
        // back to the page first asked for
        browser.get(console.toString());
        wait.until(ExpectedConditions.urlContains("/sign-in"));
        browser.findElement(By.id("token")).sendKeys("not-the-token");
        browser.findElement(By.cssSelector("form.sign-in button")).click();
        WebElement wrongToken = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.refused")));
        assertTrue(wrongToken.getText().contains("not one this deployment accepts"), wrongToken.getText());
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.cssSelector("form.sign-in button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("submit-form")));
        assertEquals(console.resolve("/").toString(), browser.getCurrentUrl());

        // a spec with an error: the field is named beside the form (the seeds file goes along: over REST the
        // generator refuses a spec's seeds_file, which the console replaces by the uploaded file's seeds)
        browser.findElement(By.id("seedsFile")).sendKeys(HOME.resolve("examples/task-api/seeds.jsonl").toString());
        setSpec(spec(0));
        browser.findElement(By.id("submit")).click();
        WebElement error = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".field-error[data-field='target']")));
        assertTrue(error.getText().contains("must be at least 1"), error.getText());

        // a good one: the spec pasted, the seeds file uploaded; the browser goes to the job's page with its plan
        setSpec(spec(20));
        browser.findElement(By.id("submit")).click();
        wait.until(ExpectedConditions.urlMatches("/jobs/[^/]+$"));
        String jobId = browser.getCurrentUrl().replaceAll(".*/jobs/", "");
        wait.until(ExpectedConditions.textToBe(By.id("job-status"), "PLANNED"));
        assertTrue(browser.findElement(By.id("estimate")).getText().startsWith("$"));
        assertEquals(15, browser.findElements(By.cssSelector("table.plan tbody tr")).size(),
                "one cell per operation (5) and complexity level (3)");

        // approve; from here the page is never reloaded: a marker set now must survive until the quotas are met
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = 'yes';");
        browser.findElement(By.id("approve")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> accepted() > 0);
        screenshot("console-progress.png");
        new WebDriverWait(browser, JOB_TIMEOUT).until(
                ExpectedConditions.presenceOfElementLocated(By.id("quotas-met")));
        assertEquals("yes", ((JavascriptExecutor) browser).executeScript("return window.sameDocument;"),
                "the page was reloaded");
        // read in one script: a progress event may swap the table in between two WebDriver calls
        Object unmet = ((JavascriptExecutor) browser).executeScript("return Array.from(document.querySelectorAll("
                + "'tr.cell-row')).filter(r => Number(r.dataset.accepted) < Number(r.dataset.quota))"
                + ".map(r => r.dataset.cell).join(', ');");
        assertEquals("", unmet, "cells short of their quota");
        assertEquals(15L, ((JavascriptExecutor) browser).executeScript(
                "return document.querySelectorAll('tr.cell-row').length;"));
        // held for review (review.sample in the spec): the job stays FINALIZING and offers the review
        WebElement review = new WebDriverWait(browser, Duration.ofSeconds(120)).until(
                ExpectedConditions.elementToBeClickable(By.id("review-link")));

        browser.get(console.resolve("/").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.job-row[data-job='" + jobId + "']")));
        screenshot("console-jobs.png");
        browser.navigate().back();
        review = wait.until(ExpectedConditions.elementToBeClickable(By.id("review-link")));
        review.click();
        // FINALIZING comes from the generator before the exporter has written the files: a person reloads
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> {
            if (!d.findElements(By.id("held")).isEmpty()) {
                return true;
            }
            d.navigate().refresh();
            return false;
        });
        screenshot("console-review.png");

        // reject an exported example of a cell with surplus, when one has it: the next accepted example of its cell
        // takes its place at once and train.jsonl changes
        String filesBefore = file(jobId, "train.jsonl") + file(jobId, "validation.jsonl");
        String filesAsExported = filesBefore;
        String rejectedId = null;
        java.util.Optional<WebElement> withSurplus = browser.findElements(By.cssSelector("section.review-cell"))
                .stream().filter(s -> Long.parseLong(s.getDomAttribute("data-surplus")) > 0).findFirst();
        if (withSurplus.isPresent()) {
            String cell = withSurplus.get().getDomAttribute("data-cell");
            List<String> before = exportedIds(cell);
            rejectedId = reject(cell, "reply names the wrong weekday");
            wait.until(d -> !exportedIds(cell).contains(before.getFirst()));
            List<String> after = exportedIds(cell);
            List<String> replacements = after.stream().filter(id -> !before.contains(id)).toList();
            assertEquals(1, replacements.size(), "one example of the surplus takes its place: " + before + " then "
                    + after);
            String filesAfter = file(jobId, "train.jsonl") + file(jobId, "validation.jsonl");
            assertNotEquals(filesBefore, filesAfter, "the files did not change");
            assertEquals(lines(filesBefore), lines(filesAfter), "the rejected example was replaced, not dropped");
            System.out.println("Rejected " + rejectedId + " of cell " + cell + ": replaced from the cell's surplus by "
                    + replacements.getFirst());
            filesBefore = filesAfter;
        } else {
            System.out.println("No cell has surplus: the replacement from surplus is not exercised in this run");
        }

        // reject an exported example of a cell without surplus: the job generates its replacement through the whole
        // pipeline (teacher, validator, dedup), the files are written again and the export is held again
        WebElement noSurplus = browser.findElements(By.cssSelector("section.review-cell")).stream()
                .filter(s -> Long.parseLong(s.getDomAttribute("data-surplus")) == 0
                        && !s.findElements(By.cssSelector(".exported article.example")).isEmpty())
                .findFirst().orElseThrow(() -> new AssertionError("no exported cell without surplus"));
        String shortCell = noSurplus.getDomAttribute("data-cell");
        List<String> shortBefore = exportedIds(shortCell);
        String generatedFor = reject(shortCell, "reply names the wrong weekday");
        rejectedId = rejectedId == null ? generatedFor : rejectedId;
        long replacingStarted = System.nanoTime();
        // the page is reloaded until the replacement is in: a person reloads (the notice says so)
        new WebDriverWait(browser, Duration.ofSeconds(240)).ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement section = d.findElement(By.cssSelector("section.review-cell[data-cell='" + shortCell + "']"));
            if (d.findElements(By.id("replacing")).isEmpty() && !d.findElements(By.id("held")).isEmpty()
                    && section.getDomAttribute("data-exported").equals(section.getDomAttribute("data-quota"))) {
                return true;
            }
            sleep(2000);
            d.navigate().refresh();
            return false;
        });
        List<String> shortAfter = exportedIds(shortCell);
        List<String> generated = shortAfter.stream().filter(id -> !shortBefore.contains(id)).toList();
        assertEquals(1, generated.size(), "one generated example takes the free place: " + shortBefore + " then "
                + shortAfter);
        assertFalse(shortAfter.contains(generatedFor));
        String filesAfter = file(jobId, "train.jsonl") + file(jobId, "validation.jsonl");
        assertNotEquals(filesBefore, filesAfter, "the files did not change");
        assertEquals(lines(filesBefore), lines(filesAfter), "the rejected example was replaced, not dropped");
        assertTrue(filesAfter.contains(exampleText(shortCell, generated.getFirst())),
                "the generated replacement is in the files");
        System.out.printf("Rejected %s of cell %s (no surplus): replaced by %s, generated in %.1f s%n", generatedFor,
                shortCell, generated.getFirst(), (System.nanoTime() - replacingStarted) / 1e9);
        screenshot("console-review-replaced.png");
        WebElement cellSection = browser.findElement(By.cssSelector("section.review-cell[data-cell='" + shortCell
                + "']"));
        assertFalse(cellSection.findElements(By.cssSelector(".rejected[data-candidate='" + generatedFor + "']"))
                .isEmpty(), "the rejected example is listed among the cell's rejected candidates");
        String trainAfter = filesAfter;
        // recorded with who and when, in rejected.jsonl and the report alike
        String recorded = "rejected by reviewer at ";
        String rejectedLines = file(jobId, "rejected.jsonl");
        assertTrue(rejectedLines.contains(recorded) && rejectedLines.contains("reply names the wrong weekday"),
                rejectedLines);
        String report = file(jobId, "quality_report.json");
        assertTrue(report.contains(rejectedId) && report.contains(recorded)
                && report.contains("reply names the wrong weekday"), report);

        // edit one into a format error: refused with the validator's reason, the files unchanged
        WebElement second = browser.findElement(By.cssSelector(".exported article.example"));
        second.findElement(By.tagName("summary")).click();
        WebElement box = second.findElement(By.name("example"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", box,
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Delete task #4.\"}]}");
        second.findElement(By.cssSelector(".edit-button")).click();
        WebElement refused = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                "#review-result .refused")));
        assertTrue(refused.getText().contains("breaks the job's rules"), refused.getText());
        assertEquals(trainAfter, file(jobId, "train.jsonl") + file(jobId, "validation.jsonl"));

        // reject one more example of a cell without surplus and approve the sample at once, while its replacement is
        // being generated: the export is released only once the replacement is in, and train.jsonl downloads
        String secondCell = browser.findElements(By.cssSelector("section.review-cell")).stream()
                .filter(s -> Long.parseLong(s.getDomAttribute("data-surplus")) == 0
                        && !shortCell.equals(s.getDomAttribute("data-cell"))
                        && !s.findElements(By.cssSelector(".exported article.example")).isEmpty())
                .map(s -> s.getDomAttribute("data-cell")).findFirst()
                .orElseThrow(() -> new AssertionError("no second exported cell without surplus"));
        List<String> secondBefore = exportedIds(secondCell);
        String secondRejected = reject(secondCell, "the due date is in the past");
        boolean approvedWhileReplacing = !browser.findElements(By.id("replacing")).isEmpty();
        browser.findElement(By.id("approve-sample")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("approved")));
        System.out.println("Rejected " + secondRejected + " of cell " + secondCell + " (no surplus) and approved the"
                + " sample " + (approvedWhileReplacing ? "while its replacement was being generated"
                        : "after its replacement was in (it was quicker than the click)"));
        browser.get(console.resolve("/jobs/" + jobId).toString());
        new WebDriverWait(browser, Duration.ofSeconds(120)).ignoring(StaleElementReferenceException.class).until(d -> {
            d.navigate().refresh();
            return "COMPLETED".equals(d.findElement(By.id("job-status")).getText());
        });
        browser.get(console.resolve("/jobs/" + jobId + "/review").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("approved")));
        assertTrue(browser.findElements(By.id("replacing")).isEmpty() && browser.findElements(By.id("held")).isEmpty(),
                "released, with nothing left to replace");
        List<String> secondAfter = exportedIds(secondCell);
        List<String> secondGenerated = secondAfter.stream().filter(id -> !secondBefore.contains(id)).toList();
        assertEquals(1, secondGenerated.size(), "one generated example takes the free place: " + secondBefore
                + " then " + secondAfter);
        String released = file(jobId, "train.jsonl") + file(jobId, "validation.jsonl");
        assertEquals(lines(filesAsExported), lines(released), "every rejected example was replaced");
        assertTrue(released.contains(exampleText(secondCell, secondGenerated.getFirst())),
                "the replacement generated while approving is in the released files");
        browser.get(console.resolve("/jobs/" + jobId).toString());
        wait.until(ExpectedConditions.elementToBeClickable(By.id("dataset-link"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.file[download='train.jsonl']"))).click();
        Path downloaded = downloads.resolve("train.jsonl");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> Files.exists(downloaded)
                && !Files.exists(downloads.resolve("train.jsonl.crdownload")));
        String downloadedTrain = Files.readString(downloaded);
        assertEquals(file(jobId, "train.jsonl"), downloadedTrain);
        assertNotEquals(filesAsExported, downloadedTrain + file(jobId, "validation.jsonl"),
                "the downloaded dataset is the reviewed one, not the first export");
    }

    private static String spec(int target) throws IOException {
        return Files.readString(HOME.resolve("examples/task-api/job.yaml"))
                .replaceFirst("(?m)^target: \\d+", "target: " + target) + "review: {sample: 2}\n";
    }

    private static void setSpec(String text) {
        ((JavascriptExecutor) browser).executeScript("document.getElementById('spec').value = arguments[0];", text);
    }

    /** Read in one script: a progress event may swap the element out between finding it and reading it. */
    private static long accepted() {
        String text = (String) ((JavascriptExecutor) browser).executeScript(
                "return document.getElementById('accepted-total').textContent;");
        return Long.parseLong(text.substring(0, text.indexOf('/')).strip());
    }

    /** Rejects the first exported example of the cell on the review page; answers its candidate id. */
    private static String reject(String cell, String reason) {
        WebElement section = browser.findElement(By.cssSelector("section.review-cell[data-cell='" + cell + "']"));
        WebElement first = section.findElement(By.cssSelector(".exported article.example"));
        String candidateId = first.getDomAttribute("data-candidate");
        first.findElement(By.name("reason")).sendKeys(reason);
        first.findElement(By.cssSelector(".reject-button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(120)).ignoring(StaleElementReferenceException.class)
                .until(d -> !exportedIds(cell).contains(candidateId));
        return candidateId;
    }

    /** The candidate ids the review page shows as the cell's exported examples, read in one script. */
    @SuppressWarnings("unchecked")
    private static List<String> exportedIds(String cell) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("return Array.from(document"
                + ".querySelectorAll(\"section.review-cell[data-cell='\" + arguments[0] + \"'] .exported"
                + " article.example\")).map(a => a.dataset.candidate);", cell);
    }

    /**
     * The first user turn of an exported example as the review page's edit box holds it, JSON-escaped as the files
     * write it, to find the example in them.
     */
    private static String exampleText(String cell, String candidateId) {
        String text = (String) ((JavascriptExecutor) browser).executeScript("const a = document.getElementById("
                + "'example-' + arguments[0]); const box = a.querySelector('textarea[name=example]');"
                + " return box ? box.value : '';", candidateId);
        assertFalse(text.isBlank(), "no example text for " + candidateId + " in cell " + cell);
        return firstContent(text);
    }

    private static String firstContent(String exampleJson) {
        try {
            com.fasterxml.jackson.databind.JsonNode tree = dev.seedforge.contracts.Json.MAPPER.readTree(exampleJson);
            com.fasterxml.jackson.databind.JsonNode messages = tree.path("messages");
            for (com.fasterxml.jackson.databind.JsonNode message : messages) {
                if ("user".equals(message.path("role").asText())) {
                    String json = dev.seedforge.contracts.Json.MAPPER.writeValueAsString(message.path("content")
                            .asText());
                    return json.substring(1, json.length() - 1);
                }
            }
            return exampleJson;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int lines(String text) {
        return (int) text.lines().filter(line -> !line.isBlank()).count();
    }

    /** A dataset file as the console serves it (the exporter's, passed through). */
    private static String file(String jobId, String name) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                console.resolve("/jobs/" + jobId + "/files/" + name)).header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), name + ": " + response.body());
        return response.body();
    }

    private static void screenshot(String name) throws IOException {
        if (screenshots != null) {
            Files.write(screenshots.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        }
    }
}
