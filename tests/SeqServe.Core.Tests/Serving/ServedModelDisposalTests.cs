using SeqServe.Core.Serving;
using SeqServe.Tests;

namespace SeqServe.Core.Tests.Serving;

/// <summary>Every shipped kind of served model owns its network and frees it once, however often it is disposed.</summary>
public class ServedModelDisposalTests
{
    public static TheoryData<string> Shipped => [.. ShippedModels.Names];

    [Theory]
    [MemberData(nameof(Shipped))]
    public void A_served_model_answers_then_disposes_its_network_once(string name)
    {
        var (_, served) = ShippedModels.Load(name);
        var owner = Assert.IsAssignableFrom<ServedNetwork>(served);
        ModelCalls.For(served, new Random(1))();
        Assert.False(owner.IsDisposed);

        served.Dispose();
        served.Dispose();
        Assert.True(owner.IsDisposed);
    }
}
