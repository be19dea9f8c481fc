using System.Net;
using System.Text.Json.Nodes;
using SeqServe.Api.Tests.Errors;

namespace SeqServe.Api.Tests.Jobs;

/// <summary>The encoder kind and attention fields of a training request: out of bounds or not applicable → a 400 naming the field.</summary>
public class EncoderKindBoundsTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    public static TheoryData<string, string> BadSpecs => new()
    {
        // body, the field the problem must name
        { "{\"dataset\": \"mnist\", \"architecture\": {\"encoder\": \"lstm\"}}", "architecture.encoder" },
        { "{\"dataset\": \"mnist\", \"architecture\": {\"attention\": \"cross\"}}", "architecture.attention" },
        { "{\"dataset\": \"mnist\", \"architecture\": {\"encoder\": \"transformer\", \"heads\": 0}}", "architecture.heads" },
        { "{\"dataset\": \"mnist\", \"architecture\": {\"encoder\": \"transformer\", \"heads\": 64}}", "architecture.heads" },
        { "{\"dataset\": \"mnist\", \"architecture\": {\"encoder\": \"transformer\", \"hidden\": 30, \"heads\": 4}}", "architecture.heads" },
        { "{\"dataset\": \"imdb\", \"architecture\": {\"attention\": \"self\", \"hidden\": 30, \"bidirectional\": false, \"heads\": 4}}", "architecture.heads" },
        { "{\"dataset\": \"mnist\", \"architecture\": {\"encoder\": \"transformer\", \"ffHidden\": 1000000}}", "architecture.ffHidden" },
        { "{\"dataset\": \"mnist\", \"architecture\": {\"ffHidden\": 64}}", "architecture.ffHidden" },
        { "{\"dataset\": \"mnist\", \"architecture\": {\"heads\": 2}}", "architecture.heads" },
        { "{\"dataset\": \"brown\", \"architecture\": {\"encoder\": \"transformer\", \"cell\": \"gru\"}}", "architecture.cell" },
        { "{\"dataset\": \"brown\", \"architecture\": {\"encoder\": \"transformer\", \"bidirectional\": true}}", "architecture.bidirectional" },
        { "{\"dataset\": \"brown\", \"architecture\": {\"encoder\": \"transformer\", \"attention\": \"self\"}}", "architecture.attention" },
        { "{\"dataset\": \"imdb\", \"architecture\": {\"encoder\": \"transformer\", \"pooling\": \"last\"}}", "architecture.pooling" },
        { "{\"dataset\": \"moby-dick\", \"architecture\": {\"encoder\": \"transformer\"}, \"training\": {\"carryState\": true}}", "training.carryState" },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public async Task An_encoder_field_out_of_bounds_or_not_applicable_is_a_400_naming_it(string body, string field)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await fixture.Client.PostAsync("/v1/jobs", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body} → {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonNode.Parse(text)!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"expected the problem to name '{field}': {text}");
    }
}
