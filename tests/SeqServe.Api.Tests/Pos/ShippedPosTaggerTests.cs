using System.Net;
using SeqServe.Api.Tests.Infrastructure;

namespace SeqServe.Api.Tests.Pos;

/// <summary>The default model shipped in models/pos-brown answers /v1/pos without naming a model.</summary>
public class ShippedPosTaggerTests(ShippedPosFixture fixture) : IClassFixture<ShippedPosFixture>
{
    private HttpClient Client => fixture.Client;

    /// <summary>Expected tags were written down before the shipped model was ever run on these sentences.</summary>
    [Theory]
    [InlineData("The old man walked his dog.", "DET ADJ NOUN VERB PRON NOUN .")]
    [InlineData("She didn't see the big red car.", "PRON VERB VERB DET ADJ ADJ NOUN .")]
    public async Task The_shipped_default_tags_plain_sentences_correctly(string sentence, string expected)
    {
        var (status, answer) = await Client.Post("/v1/pos", new { sentences = new[] { sentence } });
        Assert.True(status == HttpStatusCode.OK, $"{status}: {answer.Pretty()}");
        Assert.Equal("pos-brown", answer!["model"]!.GetValue<string>());
        var tags = answer["results"]![0]!["tokens"]!.AsArray().Select(t => t!["tag"]!.GetValue<string>());
        Assert.Equal(expected, string.Join(' ', tags));
    }
}
