using System.Net;
using System.Text.Json.Nodes;
using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Core.Pos.Chinese;

namespace SeqServe.Api.Tests.Pos;

/// <summary>POST /v1/pos with "language": "zh", served by the shipped pos-zh checkpoint.</summary>
public class ChinesePosApiTests(ShippedChinesePosFixture fixture) : IClassFixture<ShippedChinesePosFixture>
{
    private HttpClient Client => fixture.Client;

    private async Task<JsonArray> Tokens(object body)
    {
        var (status, answer) = await Client.Post("/v1/pos", body);
        Assert.True(status == HttpStatusCode.OK, $"{status}: {answer.Pretty()}");
        Assert.Equal("pos-zh", answer!["model"]!.GetValue<string>());
        return answer["results"]![0]!["tokens"]!.AsArray();
    }

    [Theory]
    [InlineData("我来到北京清华大学。")]
    [InlineData("我來到北京清華大學，喜歡吃蘋果。")]                  // traditional characters
    [InlineData("他用iPhone 15拍了3张照片，花了５９９９元！")]         // Latin word, digits, full-width digits and punctuation
    [InlineData("  （新华社）  今天下午，Apple公司发布了新产品。 ")]    // spaces around and inside
    public async Task Raw_Chinese_text_is_segmented_and_tagged_with_offsets_covering_the_input(string text)
    {
        var tokens = await Tokens(new { language = "zh", sentences = new[] { text } });
        var next = 0;
        foreach (var token in tokens)
        {
            var (word, start, end) = (token!["text"]!.GetValue<string>(), token["start"]!.GetValue<int>(), token["end"]!.GetValue<int>());
            Assert.True(start >= next && string.IsNullOrWhiteSpace(text[next..start]), $"'{text[next..start]}' before '{word}' is not covered");
            Assert.Equal(text[start..end], word);
            Assert.Contains(token["tag"]!.GetValue<string>(), UposTags.All);
            Assert.InRange(token["confidence"]!.GetValue<float>(), 0f, 1f);
            next = end;
        }
        Assert.True(string.IsNullOrWhiteSpace(text[next..]), $"the end '{text[next..]}' is not covered");
    }

    [Fact]
    public async Task The_shipped_model_tags_plain_words_as_expected()
    {
        // written down before the model was run on them: 我 PRON, 北京 PROPN, punctuation PUNCT
        var tokens = await Tokens(new { language = "zh", sentences = new[] { "我来到北京清华大学。" } });
        Assert.Equal(["我", "来到", "北京", "清华大学", "。"], tokens.Select(t => t!["text"]!.GetValue<string>()));
        var tags = tokens.Select(t => t!["tag"]!.GetValue<string>()).ToList();
        Assert.Equal("PRON", tags[0]);
        Assert.Equal("PROPN", tags[2]);
        Assert.Equal("PUNCT", tags[4]);
    }

    [Fact]
    public async Task Pre_segmented_words_are_taken_as_they_are()
    {
        var tokens = await Tokens(new { model = "pos-zh", tokens = new[] { new[] { "同样", "，", "施力", "的", "大小", "不同", "。" } } });
        Assert.Equal(7, tokens.Count);
        Assert.Equal("PUNCT", tokens[^1]!["tag"]!.GetValue<string>());
        Assert.Null(tokens[0]!["start"]);
    }

    [Fact]
    public async Task Traditional_text_is_tagged_as_its_simplified_twin_and_answered_as_given()
    {
        const string traditional = "我來到北京清華大學，喜歡吃蘋果。", simplified = "我来到北京清华大学，喜欢吃苹果。";
        var fromTraditional = await Tokens(new { language = "zh", sentences = new[] { traditional } });
        var fromSimplified = await Tokens(new { language = "zh", sentences = new[] { simplified } });
        Assert.Equal(["我", "來到", "北京", "清華大學", "，", "喜歡", "吃", "蘋果", "。"], fromTraditional.Select(t => t!["text"]!.GetValue<string>()));
        Assert.Equal(Spans(fromSimplified), Spans(fromTraditional));
        foreach (var token in fromTraditional)
            Assert.Equal(traditional[token!["start"]!.GetValue<int>()..token["end"]!.GetValue<int>()], token["text"]!.GetValue<string>());

        var words = fromTraditional.Select(t => t!["text"]!.GetValue<string>()).ToArray();
        var given = await Tokens(new { language = "zh", tokens = new[] { words } });
        Assert.Equal(words, given.Select(t => t!["text"]!.GetValue<string>()));
        Assert.Equal(Tags(fromSimplified), Tags(given));

        static List<string> Tags(JsonArray tokens) => [.. tokens.Select(t => t!["tag"]!.GetValue<string>())];
        static List<string> Spans(JsonArray tokens) => [.. tokens.Select(t => $"{t!["start"]}-{t["end"]}:{t["tag"]}:{t["confidence"]}")];
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { "{\"language\": \"zh\", \"sentences\": [\"\"]}", "sentences[0]" },                          // empty
        { "{\"language\": \"zh\", \"sentences\": [\"   \"]}", "sentences[0]" },                       // only spaces
        { "{\"language\": \"zh\", \"sentences\": [\"我来了。\", \"Hello there.\"]}", "sentences[1]" }, // no Chinese characters
        { "{\"language\": \"zh\", \"sentences\": [5]}", "sentences[0]" },                              // wrong type
        { "{\"language\": \"zh\", \"sentences\": \"我来了。\"}", "sentences" },                         // not an array
        { "{\"language\": \"zh\", \"tokens\": [[\"我\", 7]]}", "tokens[0][1]" },                        // wrong type
        { "{\"language\": \"zh\", \"tokens\": [[]]}", "tokens[0]" },                                   // no words
        { "{\"language\": \"fr\", \"sentences\": [\"我来了。\"]}", "language" },                         // unknown language
        { "{\"language\": 7, \"sentences\": [\"我来了。\"]}", "language" },                              // wrong type
        { "{\"language\": \"en\", \"model\": \"pos-zh\", \"sentences\": [\"我来了。\"]}", "language" },  // the model's language differs
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public Task Bad_requests_get_a_400_naming_the_field(string body, string field) => Client.AssertBadRequest("/v1/pos", body, field);

    [Fact]
    public async Task Too_long_text_is_refused_with_the_limit()
    {
        var (status, problem) = await Client.Post("/v1/pos", new { language = "zh", sentences = new[] { new string('我', 100_001) } });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("100000", problem!["errors"]!["sentences[0]"]![0]!.GetValue<string>());
    }
}
