namespace SeqServe.Api.Tests.Infrastructure;

/// <summary>The API keys every test service is configured with; clients send <see cref="Admin"/> unless a test says otherwise.</summary>
public static class TestKeys
{
    public const string Admin = "test-admin-key-0123456789";
    public const string Train = "test-train-key-0123456789";
    public const string OtherTrain = "test-train2-key-0123456789";
    public const string Predict = "test-predict-key-0123456789";

    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["Auth:Keys:0:Name"] = "admin", ["Auth:Keys:0:Key"] = Admin, ["Auth:Keys:0:Scopes:0"] = "admin",
        ["Auth:Keys:1:Name"] = "trainer", ["Auth:Keys:1:Key"] = Train, ["Auth:Keys:1:Scopes:0"] = "train",
        ["Auth:Keys:2:Name"] = "other-trainer", ["Auth:Keys:2:Key"] = OtherTrain, ["Auth:Keys:2:Scopes:0"] = "train",
        ["Auth:Keys:3:Name"] = "predictor", ["Auth:Keys:3:Key"] = Predict, ["Auth:Keys:3:Scopes:0"] = "predict",
    };

    /// <summary>The settings as command-line arguments for a service process.</summary>
    public static IEnumerable<string> Arguments => Settings.SelectMany(kv => new[] { "--" + kv.Key, kv.Value });
}
