using SeqServe.Core.Checkpoints;
using SeqServe.Core.Serving.Batching;
using TorchSharp;
using static TorchSharp.torch;

namespace SeqServe.Core.Serving.TorchScript;

/// <summary>
/// A model made by PyTorch and saved as TorchScript (<c>torch.jit.script</c> or <c>trace</c>, then
/// <c>torch.jit.save</c>), loaded with <c>torch.jit.load</c> and served with the signature it came with.
/// Every call runs in inference mode inside its own dispose scope. As a batch kernel: one request's input
/// tensors → its output tensors; when every input's first dimension is a batch dimension (-1) and the
/// model answers one row per input row, requests whose other dimensions are equal share one forward
/// pass (concatenated on the first dimension, split again after it).
/// </summary>
public sealed class TorchScriptModel : IServedModel, IBatchKernel<NamedTensor[], NamedTensor[]>, IDisposable
{
    public const string FileName = "model.pt";
    public const string KindName = "torchscript";

    private readonly jit.ScriptModule module;
    private bool batchable;

    private TorchScriptModel(jit.ScriptModule module, TorchScriptSignature signature)
    {
        this.module = module;
        Signature = signature;
        Outputs = [];
    }

    public string Kind => KindName;
    public IReadOnlyList<string> Operations { get; } = ["infer"];
    public TorchScriptSignature Signature { get; }
    public IReadOnlyList<TensorSpec> Inputs => Signature.Inputs;
    /// <summary>What it answers: the model's outputs, then the post-processing ones (known once it has run at load).</summary>
    public IReadOnlyList<TensorSpec> Outputs { get; private set; }

    /// <summary>
    /// Loads <c>model.pt</c> from a verified version folder and runs it once on inputs of the signature's
    /// shapes (variable dimensions 2) to learn and check its outputs; anything wrong is a <see cref="CheckpointException"/>.
    /// </summary>
    public static TorchScriptModel Load(CheckpointManifest manifest, string versionDir)
    {
        var signature = TorchScriptSignature.FromJson(manifest.Architecture);
        if (signature.Problems() is { Count: > 0 } problems)
            throw new CheckpointException($"the signature is not valid: {string.Join("; ", problems.Select(p => $"{p.Key}: {p.Value[0]}"))}");
        jit.ScriptModule loaded;
        try
        {
            loaded = jit.load(Path.Combine(versionDir, FileName));
            loaded.eval();
        }
        catch (Exception e) when (e is not OutOfMemoryException and not FileNotFoundException)
        {
            throw new CheckpointException($"{FileName} is not a TorchScript file torch.jit.load can read: {FirstLine(e.Message)}", e);
        }
        var model = new TorchScriptModel(loaded, signature);
        try
        {
            model.Probe();
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Throws <see cref="ModelInputException"/> unless the inputs are exactly the signature's, in its order, of its datatypes and shapes.</summary>
    public void Validate(NamedTensor[] inputs)
    {
        if (inputs.Length != Inputs.Count)
            throw new ModelInputException("inputs", $"this model takes {Inputs.Count} inputs: {string.Join(", ", Inputs.Select(i => i.Name))}.");
        for (var i = 0; i < inputs.Length; i++)
        {
            var (spec, given) = (Inputs[i], inputs[i]);
            if (given.Name != spec.Name) throw new ModelInputException("inputs", $"input {i} must be '{spec.Name}'.");
            if (given.Datatype != spec.Datatype)
                throw new ModelInputException(spec.Name, $"input '{spec.Name}' has datatype {given.Datatype}; this model takes {spec.Datatype}.");
            if (spec.Mismatch(given.Shape) is { } bad) throw new ModelInputException(spec.Name, bad);
            if (given.Data.Length != NamedTensor.Count(given.Shape))
                throw new ModelInputException(spec.Name, $"input '{spec.Name}' holds {given.Data.Length} values; its shape needs {NamedTensor.Count(given.Shape)}.");
        }
    }

    public object? GroupOf(NamedTensor[] input) =>
        batchable ? string.Join(";", input.Select(t => string.Join(",", t.Shape.Skip(1)))) : new object();

    public int LengthOf(NamedTensor[] input) => input[0].Shape.Length > 1 ? (int)Math.Min(int.MaxValue, input[0].Shape[1]) : 1;

    public NamedTensor[][] Run(IReadOnlyList<NamedTensor[]> inputs) => Inference.Run(() =>
    {
        if (inputs.Count == 1) return [Forward(inputs[0], 1)[0]];
        var rows = inputs.Select(i => i[0].Shape[0]).ToArray();
        var merged = Inputs.Select((spec, k) => Concat(spec, inputs.Select(i => i[k]).ToList())).ToArray();
        return Forward(merged, rows);
    });

    public void WarmUp() => Inference.Run(() => Forward(ProbeInputs(), 1));

    public void Dispose() => module.Dispose();

    /// <summary>One forward pass over <paramref name="inputs"/>, its outputs cut into <paramref name="rows"/>-row parts (one part: all of them).</summary>
    private NamedTensor[][] Forward(NamedTensor[] inputs, params long[] rows)
    {
        var tensors = inputs.Select(ToTensor).ToArray();
        var raw = Call(tensors);
        var outputs = PostProcess(raw);
        if (rows.Length == 1) return [outputs.Select((t, i) => ToNamed(Outputs[i].Name, t)).ToArray()];
        var total = rows.Sum();
        if (outputs.Any(t => t.shape.Length == 0 || t.shape[0] != total))
            throw new InvalidOperationException("an output does not have one row per input row; the items run alone");
        var parts = new NamedTensor[rows.Length][];
        long start = 0;
        for (var p = 0; p < rows.Length; p++)
        {
            var (from, count) = (start, rows[p]);
            parts[p] = outputs.Select((t, i) => ToNamed(Outputs[i].Name, t.narrow(0, from, count))).ToArray();
            start += count;
        }
        return parts;
    }

    private Tensor[] Call(Tensor[] inputs)
    {
        object result = module.call(inputs.Cast<object>().ToArray());
        return result switch
        {
            Tensor t => [t],
            object[] many when many.All(m => m is Tensor) => [.. many.Cast<Tensor>()],
            IEnumerable<Tensor> many => [.. many],
            _ => throw new InvalidOperationException($"the model answered a {result?.GetType().Name ?? "null"}; only tensors and tuples of tensors are served"),
        };
    }

    private Tensor[] PostProcess(Tensor[] raw)
    {
        if (Signature.Postprocess is not { } post) return raw;
        var extra = new List<Tensor>();
        var first = raw[0].to(ScalarType.Float32);
        if (post.Softmax) extra.Add(first.softmax(-1));
        if (post.Labels is not null) extra.Add(first.argmax(-1));
        return [.. raw, .. extra];
    }

    private NamedTensor ToNamed(string name, Tensor tensor)
    {
        var shape = tensor.shape;
        if (name == TorchScriptSignature.LabelOutput)
        {
            var labels = Signature.Postprocess!.Labels!;
            return new NamedTensor(name, TensorDatatypes.Bytes, shape, tensor.contiguous().data<long>().Select(i => labels[(int)i]).ToArray());
        }
        var datatype = TensorDatatypes.Of(tensor.dtype);
        var typed = tensor.to(TensorDatatypes.ScalarType(datatype)).contiguous();
        Array data = datatype switch
        {
            TensorDatatypes.Fp64 => typed.data<double>().ToArray(),
            TensorDatatypes.Int32 => typed.data<int>().ToArray(),
            TensorDatatypes.Int64 => typed.data<long>().ToArray(),
            TensorDatatypes.Bool => typed.data<bool>().ToArray(),
            _ => typed.data<float>().ToArray(),
        };
        return new NamedTensor(name, datatype, shape, data);
    }

    private static Tensor ToTensor(NamedTensor input) => input.Data switch
    {
        float[] f => tensor(f, input.Shape),
        double[] d => tensor(d, input.Shape),
        int[] i => tensor(i, input.Shape),
        long[] l => tensor(l, input.Shape),
        bool[] b => tensor(b, input.Shape),
        _ => throw new ModelInputException(input.Name, $"input '{input.Name}' holds {input.Data.GetType().Name} values, not {input.Datatype}."),
    };

    private static NamedTensor Concat(TensorSpec spec, IReadOnlyList<NamedTensor> parts)
    {
        var shape = (long[])parts[0].Shape.Clone();
        shape[0] = parts.Sum(p => p.Shape[0]);
        var data = Array.CreateInstance(parts[0].Data.GetType().GetElementType()!, parts.Sum(p => p.Data.Length));
        var at = 0;
        foreach (var part in parts)
        {
            Array.Copy(part.Data, 0, data, at, part.Data.Length);
            at += part.Data.Length;
        }
        return new NamedTensor(spec.Name, spec.Datatype, shape, data);
    }

    /// <summary>Inputs of the signature's shapes, every variable dimension 2, all zeros.</summary>
    private NamedTensor[] ProbeInputs() => Inputs.Select(spec =>
    {
        var shape = spec.Shape.Select(d => d == TensorSpec.Variable ? 2L : d).ToArray();
        var count = (int)NamedTensor.Count(shape);
        Array data = spec.Datatype switch
        {
            TensorDatatypes.Fp64 => new double[count],
            TensorDatatypes.Int32 => new int[count],
            TensorDatatypes.Int64 => new long[count],
            TensorDatatypes.Bool => new bool[count],
            _ => new float[count],
        };
        return new NamedTensor(spec.Name, spec.Datatype, shape, data);
    }).ToArray();

    /// <summary>Runs the model once to learn its outputs, and checks them against the signature.</summary>
    private void Probe()
    {
        if (Inputs.Any(i => NamedTensor.Count(i.Shape.Select(d => d == TensorSpec.Variable ? 2L : d)) > 16_000_000))
            throw new CheckpointException("the signature's inputs are too large to check the model with");
        var (types, shapes) = Inference.Run(() =>
        {
            Tensor[] raw;
            try { raw = Call(ProbeInputs().Select(ToTensor).ToArray()); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new CheckpointException($"the model does not run on inputs of its signature: {FirstLine(e.Message)}", e);
            }
            return (raw.Select(t => t.dtype).ToArray(), raw.Select(t => t.shape).ToArray());
        });
        var declared = Signature.Outputs;
        if (declared is not null && declared.Count != types.Length)
            throw new CheckpointException($"the signature names {declared.Count} outputs; the model answers {types.Length}");
        var outputs = new List<TensorSpec>();
        for (var i = 0; i < types.Length; i++)
        {
            var given = declared?[i];
            var name = given?.Name ?? $"output{i}";
            var datatype = TensorDatatypes.Of(types[i]);
            if (given?.Datatype is { } d && d != datatype)
                throw new CheckpointException($"the signature says output '{name}' is {d}; the model answers {datatype}");
            var shape = given?.Shape ?? [.. shapes[i].Select(_ => TensorSpec.Variable)];
            if (shape.Length != shapes[i].Length || shape.Where((dim, k) => dim != TensorSpec.Variable && dim != shapes[i][k]).Any())
                throw new CheckpointException($"the signature says output '{name}' has shape [{string.Join(", ", shape)}]; " +
                                              $"on inputs with every variable dimension 2 the model answers [{string.Join(", ", shapes[i])}]");
            outputs.Add(new TensorSpec(name, datatype, shape));
        }
        if (Signature.Postprocess is { } post)
        {
            var first = outputs[0];
            if (post.Labels is { } labels && shapes[0].Length > 0 && shapes[0][^1] != labels.Count)
                throw new CheckpointException($"the signature gives {labels.Count} labels; the last dimension of output '{first.Name}' is {shapes[0][^1]}");
            if (post.Softmax) outputs.Add(new TensorSpec(TorchScriptSignature.ProbabilitiesOutput, TensorDatatypes.Fp32, first.Shape));
            if (post.Labels is not null) outputs.Add(new TensorSpec(TorchScriptSignature.LabelOutput, TensorDatatypes.Bytes, first.Shape[..^1]));
        }
        Outputs = outputs;
        batchable = Signature.BatchFirst && shapes.All(s => s.Length > 0 && s[0] == 2);
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? message;
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
