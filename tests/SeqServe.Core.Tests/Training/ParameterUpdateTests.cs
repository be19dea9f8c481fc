using SeqServe.Core.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace SeqServe.Core.Tests.Training;

/// <summary>The trainer's own Adam and SGD follow torch.optim's arithmetic step for step.</summary>
public class ParameterUpdateTests
{
    [Theory]
    [InlineData("adam", 0.01)]
    [InlineData("sgd", 0.05)]
    public void Updates_match_torch_optim_over_several_steps(string optimizer, double lr)
    {
        torch.manual_seed(7);
        using var ours = nn.Linear(5, 3);
        using var theirs = nn.Linear(5, 3);
        theirs.load_state_dict(ours.state_dict());
        using var x = randn(16, 5);
        using var y = randn(16, 3);

        var ourParameters = ours.parameters().ToList();
        using var update = ParameterUpdate.Create(optimizer, ourParameters, lr);
        using optim.Optimizer reference = optimizer == "sgd"
            ? optim.SGD(theirs.parameters(), lr, momentum: 0.9)
            : optim.Adam(theirs.parameters(), lr);

        using var initial = ours.weight!.detach().clone();
        for (var step = 0; step < 5; step++)
        {
            using var scope = NewDisposeScope();
            update.ZeroGrad();
            nn.functional.mse_loss(ours.forward(x), y).backward();
            update.Step();

            reference.zero_grad();
            nn.functional.mse_loss(theirs.forward(x), y).backward();
            reference.step();
        }

        Assert.True((ours.weight!.detach() - initial).abs().max().item<float>() > 1e-4, "five steps must move the weights");
        foreach (var ((name, a), (_, b)) in ours.named_parameters().Zip(theirs.named_parameters()))
        {
            var diff = (a - b).abs().max().item<float>();
            Assert.True(diff < 1e-6, $"{optimizer}: parameter {name} differs from torch.optim by {diff}");
        }
    }

    [Fact]
    public void Lowering_the_learning_rate_shrinks_the_step()
    {
        torch.manual_seed(3);
        using var layer = nn.Linear(4, 1);
        using var x = randn(8, 4);
        using var y = randn(8, 1);
        var parameters = layer.parameters().ToList();
        using var update = ParameterUpdate.Create("sgd", parameters, 0.1);

        double StepSize()
        {
            using var scope = NewDisposeScope();
            var before = parameters[0].detach().clone();
            update.ZeroGrad();
            nn.functional.mse_loss(layer.forward(x), y).backward();
            update.Step();
            return (parameters[0] - before).abs().sum().item<float>();
        }

        var first = StepSize();
        update.LearningRate = 0;
        Assert.True(first > 0, "a step with a positive learning rate must move the weights");
        Assert.Equal(0, StepSize(), 6);
    }
}
