using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SeqServe.Core.Training;

/// <summary>
/// Adam and SGD with momentum, with the same arithmetic as torch.optim's single-tensor implementations.
/// They live here rather than in TorchSharp's optimizers because those pass implicitly converted
/// <see cref="Scalar"/>s to native calls without keeping them alive: under GC pressure the finalizer can
/// free a Scalar while the native op is still reading it (seen as a rare "toDouble" failure in Adam.step).
/// Every Scalar here is created explicitly and held (constants for the optimiser's life, step-dependent ones
/// until the step's calls return).
/// </summary>
public abstract class ParameterUpdate(IList<Parameter> parameters, double learningRate) : IDisposable
{
    protected IList<Parameter> Parameters { get; } = parameters;

    /// <summary>The current step size; the trainer lowers it between epochs (learning-rate decay).</summary>
    public double LearningRate { get; set; } = learningRate;

    public static ParameterUpdate Create(string optimizer, IList<Parameter> parameters, double learningRate) =>
        optimizer == "sgd" ? new SgdMomentum(parameters, learningRate) : new Adam(parameters, learningRate);

    public void ZeroGrad()
    {
        foreach (var p in Parameters)
            if (p.grad is { } g) { g.detach_(); g.zero_(); }
    }

    /// <summary>Applies one update from the current gradients (parameters without a gradient are left alone).</summary>
    public void Step()
    {
        using var _ = no_grad();
        for (var i = 0; i < Parameters.Count; i++)
            if (Parameters[i].grad is { } grad) Update(i, Parameters[i], grad);
    }

    protected abstract void Update(int index, Parameter parameter, Tensor grad);

    public abstract void Dispose();

    private sealed class Adam(IList<Parameter> parameters, double learningRate) : ParameterUpdate(parameters, learningRate)
    {
        private const double Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8;
        private readonly Scalar beta1 = Beta1.ToScalar(), oneMinusBeta1 = (1 - Beta1).ToScalar(),
            beta2 = Beta2.ToScalar(), oneMinusBeta2 = (1 - Beta2).ToScalar(), eps = Eps.ToScalar();
        private readonly Tensor?[] firstMoments = new Tensor?[parameters.Count];
        private readonly Tensor?[] secondMoments = new Tensor?[parameters.Count];
        private readonly int[] steps = new int[parameters.Count];

        protected override void Update(int index, Parameter parameter, Tensor grad)
        {
            var m = firstMoments[index] ??= zeros_like(parameter).DetachFromDisposeScope();
            var v = secondMoments[index] ??= zeros_like(parameter).DetachFromDisposeScope();
            var step = ++steps[index];
            var correction1 = 1 - Math.Pow(Beta1, step);
            var correction2 = 1 - Math.Pow(Beta2, step);

            using var sqrtCorrection2 = Math.Sqrt(correction2).ToScalar();
            using var stepSize = (-LearningRate / correction1).ToScalar();

            m.mul_(beta1).add_(grad, oneMinusBeta1);
            v.mul_(beta2).addcmul_(grad, grad, oneMinusBeta2);
            using var denominator = v.sqrt();
            denominator.div_(sqrtCorrection2).add_(eps);
            parameter.addcdiv_(m, denominator, stepSize);
        }

        public override void Dispose()
        {
            foreach (var t in firstMoments) t?.Dispose();
            foreach (var t in secondMoments) t?.Dispose();
            foreach (var scalar in (Scalar[])[beta1, oneMinusBeta1, beta2, oneMinusBeta2, eps]) scalar.Dispose();
        }
    }

    private sealed class SgdMomentum(IList<Parameter> parameters, double learningRate) : ParameterUpdate(parameters, learningRate)
    {
        private readonly Scalar momentum = 0.9.ToScalar();
        private readonly Tensor?[] buffers = new Tensor?[parameters.Count];

        protected override void Update(int index, Parameter parameter, Tensor grad)
        {
            using var stepSize = (-LearningRate).ToScalar();
            if (buffers[index] is { } buffer) buffer.mul_(momentum).add_(grad);
            else buffer = buffers[index] = grad.detach().clone().DetachFromDisposeScope();
            parameter.add_(buffer, stepSize);
        }

        public override void Dispose()
        {
            foreach (var t in buffers) t?.Dispose();
            momentum.Dispose();
        }
    }
}
