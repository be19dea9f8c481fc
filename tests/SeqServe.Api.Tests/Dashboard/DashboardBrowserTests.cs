using Microsoft.Playwright;
using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Dashboard;

/// <summary>
/// The dashboard in a real browser (the system's Chromium driven by Playwright) against the real server on a
/// real port: launch a job, watch it finish and its model appear, try sentiment and POS, no console errors.
/// </summary>
public class DashboardBrowserTests
{
    /// <summary>SEQSERVE_CHROMIUM (the launcher sets it), else chromium on the PATH.</summary>
    private static string Chromium() =>
        Environment.GetEnvironmentVariable("SEQSERVE_CHROMIUM") is { Length: > 0 } set ? set
        : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .SelectMany(dir => new[] { Path.Combine(dir, "chromium"), Path.Combine(dir, "chromium-browser") })
            .FirstOrDefault(File.Exists)
          ?? throw new InvalidOperationException("No Chromium: install it (build/test-prerequisites.sh does) or set SEQSERVE_CHROMIUM.");

    [Fact]
    public async Task The_dashboard_trains_a_model_shows_it_serving_and_tries_the_models()
    {
        using var root = new TempDir();
        var models = Path.Combine(root.Path, "models");
        SeededStore.CopyShipped(models, "sentiment-imdb");
        SeededStore.CopyShipped(models, "pos-brown");
        SeededStore.CopyShipped(models, "co2-forecast");
        SeededStore.CopyShipped(models, "mnist-rows");
        await using var service = await ServiceProcess.StartAsync(root.Path);
        await service.Client.WaitForModel("pos-brown", m => m.Promoted() is not null || m["servedVersion"] is not null);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium(), Headless = true });
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(service.Client.BaseAddress!.ToString());
        await Assertions.Expect(page.Locator("a[href='/swagger']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-model='sentiment-imdb']")).ToContainTextAsync("serving");
        await page.FillAsync("#api-key", TestKeys.Admin);
        await page.DispatchEventAsync("#api-key", "change");

        // Launch a small job from the form, with the recipe's defaults shown and one changed.
        await page.SelectOptionAsync("#job-dataset", "hello-ohlol");
        // The fields are hello-ohlol's (not still the first dataset's, whose defaults may arrive later) before one is changed.
        var epochs = page.Locator("#job-training[data-dataset='hello-ohlol'] input[name='epochs']");
        await Assertions.Expect(epochs).Not.ToHaveValueAsync("");
        await epochs.FillAsync("3");
        await page.FillAsync("#job-model", "browser-hello");
        await page.ClickAsync("#job-submit");

        var job = page.Locator(".job", new() { HasText = "browser-hello" });
        await Assertions.Expect(job.Locator(".served")).ToContainTextAsync("browser-hello now serves", new() { Timeout = 180_000 });
        await Assertions.Expect(job.Locator(".state")).ToContainTextAsync("Succeeded");
        await Assertions.Expect(job.Locator("progress")).ToHaveAttributeAsync("value", "3"); // hello-ohlol: one step an epoch
        Assert.True(await job.Locator("img.curves").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        await Assertions.Expect(page.Locator("[data-model='browser-hello'] tr.serving")).ToBeVisibleAsync();

        // Try sentiment: a label and per-token colours.
        await page.SelectOptionAsync("#try-model", "sentiment-imdb");
        await page.FillAsync("#try-text", "A wonderful, moving film with a brilliant cast.");
        await page.ClickAsync("#try-run");
        await Assertions.Expect(page.Locator("#try-output .label")).ToContainTextAsync("positive");
        Assert.True(await page.Locator("#try-output .tok").CountAsync() >= 5);

        // Try POS: every token tagged.
        await page.SelectOptionAsync("#try-model", "pos-brown");
        await page.FillAsync("#try-text", "The old man saw the boat.");
        await page.ClickAsync("#try-run");
        await Assertions.Expect(page.Locator("#try-output .tag").First).ToBeVisibleAsync();
        var tags = await page.Locator("#try-output .tag").AllTextContentsAsync();
        Assert.Equal(7, tags.Count);
        Assert.Contains("NOUN", tags);
        Assert.Contains("VERB", tags);

        // Forecast: the line continues the history (its first point is the last observed one).
        await page.SelectOptionAsync("#try-model", "co2-forecast");
        await page.FillAsync("#try-horizon", "12");
        await page.ClickAsync("#try-run");
        var points = await page.Locator("#forecast-line").GetAttributeAsync("points");
        Assert.Equal(13, points!.Split(' ').Length);
        var history = await page.Locator("#history").GetAttributeAsync("points");
        Assert.Equal(history!.Split(' ')[^1], points.Split(' ')[0]);

        // MNIST: draw a stroke on the pad and classify it.
        await page.SelectOptionAsync("#try-model", "mnist-rows");
        var pad = await page.Locator("#pad").BoundingBoxAsync();
        await page.Mouse.MoveAsync(pad!.X + 140, pad.Y + 40);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(pad.X + 140, pad.Y + 240, new() { Steps = 12 });
        await page.Mouse.UpAsync();
        await page.ClickAsync("#try-run");
        await Assertions.Expect(page.Locator("#try-output .label")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^digit [0-9]$"));

        Assert.True(errors.Count == 0, "browser console errors:\n" + string.Join('\n', errors));
    }
}
