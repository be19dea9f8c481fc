using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SeqServe.Core.Modeling;

/// <summary>
/// Multi-head self-attention, softmax(QKᵀ/√d)·V per head: query, key and value projections split into
/// <c>heads</c> parts, each head attends on its own, the heads are concatenated and projected back.
/// Keys at padded steps are masked out (a padded step changes nothing at a real one), and with
/// <c>causal</c> a step never attends to a later one. Field names are checkpoint keys.
/// </summary>
public sealed class MultiHeadSelfAttention : nn.Module
{
    /// <summary>Held explicitly: an implicit Scalar temporary can be freed while a native op still reads it.</summary>
    private static readonly Scalar Blocked = float.NegativeInfinity.ToScalar();

    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
    private readonly Linear output;
    private readonly int heads;
    private readonly double dropout;

    public MultiHeadSelfAttention(int size, int heads, double dropout) : base(nameof(MultiHeadSelfAttention))
    {
        if (heads < 1 || size % heads != 0)
            throw new ArgumentException($"the width {size} must be a multiple of the head count {heads}.", nameof(heads));
        this.heads = heads;
        this.dropout = dropout;
        query = nn.Linear(size, size);
        key = nn.Linear(size, size);
        value = nn.Linear(size, size);
        output = nn.Linear(size, size);
        RegisterComponents();
    }

    /// <summary>
    /// (batch, steps, size), padding (batch, steps; true at padded steps) or null → the attended outputs
    /// (batch, steps, size) and the attention weights averaged over heads (batch, query step, key step);
    /// every row sums to 1 over the keys it may see.
    /// </summary>
    public (Tensor Outputs, Tensor Weights) Attend(Tensor x, Tensor? padding, bool causal)
    {
        var (batch, steps, size) = (x.shape[0], x.shape[1], x.shape[2]);
        var width = size / heads;
        Tensor Split(Tensor y) => y.view(batch, steps, heads, width).transpose(1, 2); // (batch, heads, steps, width)
        var q = Split(query.call(x));
        var k = Split(key.call(x));
        var v = Split(value.call(x));
        using var scale = (1.0 / Math.Sqrt(width)).ToScalar();
        var scores = matmul(q, k.transpose(2, 3)).mul(scale); // (batch, heads, query, key)
        Tensor? blocked = padding?.view(batch, 1, 1, steps);
        if (causal)
        {
            var future = ones(steps, steps, dtype: ScalarType.Bool).triu(1).view(1, 1, steps, steps);
            blocked = blocked is null ? future : blocked.logical_or(future);
        }
        if (blocked is not null) scores = scores.masked_fill(blocked, Blocked);
        var weights = softmax(scores, -1);
        var used = training && dropout > 0 ? nn.functional.dropout(weights, dropout, training: true) : weights;
        var attended = matmul(used, v).transpose(1, 2).reshape(batch, steps, size);
        return (output.call(attended), weights.mean([1]));
    }
}
