using SeqServe.Core.Modeling;
using SeqServe.Core.Sequence.Shared;
using SeqServe.Core.Serving;

namespace SeqServe.Core.Tests.Sequence;

public class SessionStoreTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static PerStepRegressor Stepper()
    {
        TorchSharp.torch.manual_seed(5);
        return new PerStepRegressor(new StepNetwork(new StepNetworkConfig
        {
            Encoder = new RecurrentConfig { InputSize = 1, Hidden = 8 }, Outputs = 1,
        }));
    }

    [Fact]
    public void A_session_carries_its_state_and_expires_after_the_idle_time()
    {
        var clock = new ManualClock();
        using var store = new SessionStore(new SessionLimits { IdleTimeout = TimeSpan.FromMinutes(5) }, clock);
        var stepper = Stepper();
        var session = store.Create("sine-cosine", "v1", stepper);
        Assert.Equal(clock.Now.AddMinutes(5), session.ExpiresAt);

        var first = session.Step([[0.1f], [0.2f]]);
        clock.Now = clock.Now.AddMinutes(4);
        var second = store.Find("sine-cosine", session.Id)!.Step([[0.3f]]);
        float[] whole = stepper.Predict([[[0.1f], [0.2f], [0.3f]]])[0], stepped = [.. first, .. second];
        Assert.All(whole.Zip(stepped), p => Assert.Equal(p.First, p.Second, StatefulStepTests.Tolerance));
        Assert.Equal(clock.Now.AddMinutes(5), session.ExpiresAt); // a step renews the idle time

        Assert.Null(store.Find("other-model", session.Id));
        clock.Now = clock.Now.AddMinutes(5);
        Assert.Null(store.Find("sine-cosine", session.Id));
        Assert.Equal(0, store.Count);
        Assert.Throws<ObjectDisposedException>(() => session.Step([[0.4f]]));
    }

    [Fact]
    public void The_number_of_sessions_is_bounded_and_expired_ones_make_room()
    {
        var clock = new ManualClock();
        using var store = new SessionStore(new SessionLimits { MaxSessions = 2, IdleTimeout = TimeSpan.FromMinutes(1) }, clock);
        var stepper = Stepper();
        var a = store.Create("m", "v1", stepper);
        store.Create("m", "v1", stepper);
        Assert.Throws<SessionLimitException>(() => store.Create("m", "v1", stepper));

        Assert.True(store.Delete("m", a.Id));
        Assert.False(store.Delete("m", a.Id));
        store.Create("m", "v2", stepper);

        clock.Now = clock.Now.AddMinutes(2);
        var fresh = store.Create("m", "v2", stepper); // both old ones expired and were purged
        Assert.Equal(1, store.Count);
        Assert.Equal("v2", fresh.Version);
    }
}
