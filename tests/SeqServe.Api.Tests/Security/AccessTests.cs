using System.Net;
using SeqServe.Api.Tests.Errors;
using SeqServe.Api.Tests.Infrastructure;

namespace SeqServe.Api.Tests.Security;

/// <summary>Every route × {no key, predict, train, admin, a wrong key} answers as the access rules say.</summary>
public class AccessTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    private const string None = "none", Predict = "predict", Train = "train", Admin = "admin", Wrong = "wrong";

    // The body is chosen so that a request the rules let through gets past authorization and is then
    // refused or answered by the handler itself (never 401/403): that status is what "allowed" means here.
    public static TheoryData<string, string, string?, string, int> Routes => new()
    {
        // method, route, body, key, expected status
        { "GET", "/v1/models", null, None, 200 }, { "GET", "/v1/models", null, Predict, 200 }, { "GET", "/v1/models", null, Wrong, 401 },
        { "GET", "/v1/jobs", null, None, 200 }, { "GET", "/v1/datasets", null, None, 200 },
        { "POST", "/v1/sequence/sine-cosine/predict", "{\"inputs\": [[0.1, 0.2]]}", None, 200 },
        { "POST", "/v1/sequence/sine-cosine/predict", "{\"inputs\": [[0.1, 0.2]]}", Wrong, 401 },
        { "POST", "/v1/jobs", "{\"dataset\": \"no-such-dataset\"}", None, 401 },
        { "POST", "/v1/jobs", "{\"dataset\": \"no-such-dataset\"}", Predict, 403 },
        { "POST", "/v1/jobs", "{\"dataset\": \"no-such-dataset\"}", Train, 400 },
        { "POST", "/v1/jobs", "{\"dataset\": \"no-such-dataset\"}", Admin, 400 },
        { "POST", "/v1/jobs/unknown-job/cancel", null, None, 401 },
        { "POST", "/v1/jobs/unknown-job/cancel", null, Predict, 403 },
        { "POST", "/v1/jobs/unknown-job/cancel", null, Train, 404 },
        { "POST", "/v1/jobs/unknown-job/cancel", null, Admin, 404 },
        { "POST", "/v1/models/sine-cosine/versions/no-such-version/promote", null, None, 401 },
        { "POST", "/v1/models/sine-cosine/versions/no-such-version/promote", null, Predict, 403 },
        { "POST", "/v1/models/sine-cosine/versions/no-such-version/promote", null, Train, 403 },
        { "POST", "/v1/models/sine-cosine/versions/no-such-version/promote", null, Admin, 404 },
        { "DELETE", "/v1/models/sine-cosine/versions/no-such-version", null, None, 401 },
        { "DELETE", "/v1/models/sine-cosine/versions/no-such-version", null, Train, 403 },
        { "DELETE", "/v1/models/sine-cosine/versions/no-such-version", null, Admin, 404 },
        { "POST", "/v1/models/sine-cosine/versions", "{}", None, 401 },
        { "POST", "/v1/models/sine-cosine/versions", "{}", Predict, 403 },
        { "POST", "/v1/models/sine-cosine/versions", "{}", Train, 403 },
        { "POST", "/v1/models/sine-cosine/versions", "{}", Admin, 415 }, // allowed: refused by the handler (not a multipart form)
        { "GET", "/v2", null, None, 200 }, { "GET", "/v2", null, Wrong, 401 }, { "GET", "/v2/models/sine-cosine", null, Predict, 200 },
        { "POST", "/v2/models/sine-cosine/infer", "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 2, 1], \"datatype\": \"FP32\", \"data\": [0.1, 0.2]}]}", None, 200 },
        { "POST", "/v2/models/sine-cosine/infer", "{}", Wrong, 401 },
        { "GET", "/v2/health/ready", null, Wrong, 200 }, { "GET", "/v2/health/live", null, None, 200 },
        { "GET", "/health/ready", null, None, 200 }, { "GET", "/health/live", null, Wrong, 200 },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Each_route_answers_each_kind_of_key_as_the_rules_say(string method, string route, string? body, string key, int expected)
    {
        using var client = fixture.App.ClientWithKey(key switch
        {
            Predict => TestKeys.Predict, Train => TestKeys.Train, Admin => TestKeys.Admin, Wrong => "not-a-key-of-this-service", _ => null,
        });
        using var request = new HttpRequestMessage(new HttpMethod(method), route);
        if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expected, $"{method} {route} with {key} key → {(int)response.StatusCode}: {text}");
        if (expected is 401 or 403)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain(TestKeys.Admin, text);
        }
    }
}
