using System.Net;
using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Core.Sequence.SineCosine;
using SeqServe.Core.Training;

namespace SeqServe.Api.Tests.Sequence;

[Collection(SequenceSuiteCollection.Name)]
public class SessionsApiTests(SequenceSuiteFixture fixture)
{
    /// <summary>Stated tolerance: step-by-step and whole-sequence outputs agree to 1e-5 (float32).</summary>
    private const double Tolerance = 1e-5;
    private HttpClient Client => fixture.Client;

    private static readonly double[] Series = [.. Enumerable.Range(0, 24).Select(t => Math.Sin(t * 0.1))];

    [Fact]
    public async Task Feeding_a_session_piece_by_piece_equals_predicting_the_whole_series()
    {
        var (_, whole) = await Client.Post("/v1/sequence/sine-cosine/predict", new { inputs = new[] { Series } });
        var expected = whole!["outputs"]![0]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();

        var (created, session) = await Client.Post("/v1/sequence/sine-cosine/sessions", new { });
        Assert.True(created == HttpStatusCode.Created, session.Pretty());
        var id = session!["sessionId"]!.GetValue<string>();
        var stepped = new List<double>();
        foreach (var piece in Series.Chunk(5))
        {
            var (status, step) = await Client.Post($"/v1/sequence/sine-cosine/sessions/{id}/step", new { inputs = piece });
            Assert.True(status == HttpStatusCode.OK, step.Pretty());
            stepped.AddRange(step!["outputs"]!.AsArray().Select(v => v!.GetValue<double>()));
        }
        Assert.Equal(expected.Length, stepped.Count);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], stepped[i], Tolerance);

        var (deleted, _) = await Client.Send(HttpMethod.Delete, $"/v1/sequence/sine-cosine/sessions/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        var (gone, problem) = await Client.Post($"/v1/sequence/sine-cosine/sessions/{id}/step", new { inputs = new[] { 0.1 } });
        Assert.Equal(HttpStatusCode.NotFound, gone);
        Assert.Contains("no open session", problem!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_and_expired_sessions_are_404_and_bad_steps_400()
    {
        var (unknown, _) = await Client.Post("/v1/sequence/sine-cosine/sessions/0123456789abcdef/step", new { inputs = new[] { 0.1 } });
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        var (deleteUnknown, _) = await Client.Send(HttpMethod.Delete, "/v1/sequence/sine-cosine/sessions/0123456789abcdef");
        Assert.Equal(HttpStatusCode.NotFound, deleteUnknown);
        var (wrongModel, wrongKind) = await Client.Post("/v1/sequence/mnist-rows/sessions", new { });
        Assert.Equal(HttpStatusCode.BadRequest, wrongModel);
        Assert.NotNull(wrongKind!["errors"]!["operation"]);

        var (_, session) = await Client.Post("/v1/sequence/sine-cosine/sessions", new { });
        var id = session!["sessionId"]!.GetValue<string>();
        foreach (var body in new object[] { new { inputs = Array.Empty<double>() }, new { inputs = new[] { new[] { 0.1, 0.2 } } }, new { inputs = "x" } })
        {
            var (bad, problem) = await Client.Post($"/v1/sequence/sine-cosine/sessions/{id}/step", body);
            Assert.True(bad == HttpStatusCode.BadRequest, problem.Pretty());
            Assert.Contains(problem!["errors"]!.AsObject(), e => e.Key.StartsWith("inputs", StringComparison.Ordinal));
        }

        fixture.Clock.Advance(SequenceSuiteFixture.IdleTimeout + TimeSpan.FromSeconds(1));
        var (expired, gone) = await Client.Post($"/v1/sequence/sine-cosine/sessions/{id}/step", new { inputs = new[] { 0.1 } });
        Assert.Equal(HttpStatusCode.NotFound, expired);
        Assert.Contains("expired", gone!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sessions_are_bounded_and_stay_on_their_version_across_a_hot_swap()
    {
        fixture.Clock.Advance(SequenceSuiteFixture.IdleTimeout * 2); // sessions of other tests expire
        var (_, first) = await Client.Post("/v1/sequence/sine-cosine/sessions", new { });
        var id = first!["sessionId"]!.GetValue<string>();
        Assert.Equal(fixture.SineVersion, first["version"]!.GetValue<string>());
        var ids = new List<string> { id };
        for (var i = 1; i < SequenceSuiteFixture.MaxSessions; i++)
        {
            var (status, s) = await Client.Post("/v1/sequence/sine-cosine/sessions", new { });
            Assert.Equal(HttpStatusCode.Created, status);
            ids.Add(s!["sessionId"]!.GetValue<string>());
        }
        var (full, problem) = await Client.Post("/v1/sequence/sine-cosine/sessions", new { });
        Assert.Equal(HttpStatusCode.TooManyRequests, full);
        Assert.Contains("Sessions:MaxSessions", problem!["detail"]!.GetValue<string>());
        foreach (var other in ids.Skip(1)) await Client.Send(HttpMethod.Delete, $"/v1/sequence/sine-cosine/sessions/{other}");

        // A new version is promoted while the session is open.
        var newer = SeededStore.AddQuick(fixture.ModelsDir, new SineCosineRecipe(), "sine-cosine",
            new JobSpec { Training = new TrainingSpec { Epochs = 1, MaxExamples = 16, Seed = 7 } });
        SeededStore.Promote(fixture.ModelsDir, "sine-cosine", newer);
        await Client.WaitForModel("sine-cosine", m => m.Served() == newer);

        var (_, step) = await Client.Post($"/v1/sequence/sine-cosine/sessions/{id}/step", new { inputs = Series });
        Assert.Equal(fixture.SineVersion, step!["version"]!.GetValue<string>());
        var (_, old) = await Client.Post($"/v1/sequence/sine-cosine/predict?version={fixture.SineVersion}", new { inputs = new[] { Series } });
        var expected = old!["outputs"]![0]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        var actual = step["outputs"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], Tolerance);

        var (_, fresh) = await Client.Post("/v1/sequence/sine-cosine/sessions", new { });
        Assert.Equal(newer, fresh!["version"]!.GetValue<string>());
    }
}
