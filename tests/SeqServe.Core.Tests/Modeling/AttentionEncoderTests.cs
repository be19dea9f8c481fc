using SeqServe.Core.Modeling;
using SeqServe.Core.Training;
using SeqServe.Tests;
using static TorchSharp.torch;

namespace SeqServe.Core.Tests.Modeling;

/// <summary>The transformer encoder and self-attention over recurrent outputs: masks, weights, state, checkpoints.</summary>
public class AttentionEncoderTests
{
    private static readonly RecurrentConfig Transformer = new()
    {
        Kind = EncoderKind.Transformer, InputSize = 5, Hidden = 8, Layers = 2, Heads = 2, FfHidden = 16, Dropout = 0.1,
    };

    private static readonly RecurrentConfig SelfAttention = new()
    {
        Cell = CellKind.Gru, InputSize = 5, Hidden = 4, Layers = 1, Bidirectional = true, Attention = AttentionKind.Self, Heads = 2,
    };

    public static TheoryData<string> Kinds => ["transformer", "self", "causal-transformer", "causal-self"];

    private static RecurrentConfig ConfigOf(string kind) => kind switch
    {
        "transformer" => Transformer,
        "self" => SelfAttention,
        "causal-transformer" => Transformer with { Causal = true },
        _ => SelfAttention with { Causal = true, Bidirectional = false },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_sentence_alone_and_padded_in_a_batch_gives_the_same_outputs(string kind)
    {
        manual_seed(3);
        using var encoder = (nn.Module)SequenceEncoders.Create(ConfigOf(kind));
        encoder.eval();
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        var sentence = randn(1, 4, 5);
        var batch = randn(3, 7, 5);
        batch[1, ..4] = sentence[0];
        var encode = (ISequenceEncoder)encoder;
        var alone = encode.Encode(sentence, tensor(new long[] { 4 }));
        var padded = encode.Encode(batch, tensor(new long[] { 7, 4, 2 }));

        var difference = (alone.Outputs[0] - padded.Outputs[1, ..4]).abs().max().item<float>();
        Assert.True(difference < 1e-5, $"padding changed a real step's output by {difference}");
        Assert.Equal(0f, padded.Outputs[1, 4..].abs().max().item<float>());
        var weights = (alone.Attention![0] - padded.Attention![1, ..4, ..4]).abs().max().item<float>();
        Assert.True(weights < 1e-5, $"padding changed the attention weights by {weights}");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Attention_weights_sum_to_one_over_the_unpadded_steps_and_give_padding_none(string kind)
    {
        manual_seed(4);
        using var encoder = (nn.Module)SequenceEncoders.Create(ConfigOf(kind));
        encoder.eval();
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        var lengths = new long[] { 6, 3, 1 };
        var weights = ((ISequenceEncoder)encoder).Encode(randn(3, 6, 5), tensor(lengths)).Attention!;
        Assert.Equal(new long[] { 3, 6, 6 }, weights.shape);
        for (var i = 0; i < lengths.Length; i++)
        {
            var real = weights[i, ..(int)lengths[i]];
            var sums = real[.., ..(int)lengths[i]].sum(1);
            Assert.True((sums - 1).abs().max().item<float>() < 1e-5, $"rows of sequence {i} do not sum to 1 over its {lengths[i]} steps");
            if (lengths[i] < 6) Assert.Equal(0f, real[.., (int)lengths[i]..].abs().max().item<float>());
        }
    }

    [Theory]
    [InlineData("causal-transformer")]
    [InlineData("causal-self")]
    public void With_the_causal_mask_a_later_input_does_not_change_earlier_outputs(string kind)
    {
        manual_seed(5);
        using var encoder = (nn.Module)SequenceEncoders.Create(ConfigOf(kind));
        encoder.eval();
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        var x = randn(2, 6, 5);
        var changed = x.clone();
        changed[.., 4..] = randn(2, 2, 5) * 10;
        var (a, _) = ((ISequenceEncoder)encoder).Run(x);
        var (b, _) = ((ISequenceEncoder)encoder).Run(changed);
        Assert.True((a[.., ..4] - b[.., ..4]).abs().max().item<float>() < 1e-6, "a later input changed an earlier output");
        Assert.True((a[.., 4..] - b[.., 4..]).abs().max().item<float>() > 1e-3, "the changed inputs changed nothing: the test would prove nothing");
    }

    [Fact]
    public void Without_the_causal_mask_a_transformer_sees_later_inputs()
    {
        manual_seed(5);
        using var encoder = new TransformerStack(Transformer);
        encoder.eval();
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        var x = randn(1, 6, 5);
        var changed = x.clone();
        changed[.., 5] = randn(1, 5) * 10;
        Assert.True((encoder.Run(x).Outputs[0, 0] - encoder.Run(changed).Outputs[0, 0]).abs().max().item<float>() > 1e-4);
    }

    [Fact]
    public void A_causal_transformer_continued_step_by_step_equals_windows_of_its_context()
    {
        manual_seed(6);
        using var encoder = new TransformerStack(Transformer with { Causal = true, Context = 4 });
        encoder.eval();
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        var x = randn(2, 9, 5);
        var (whole, _) = encoder.Run(x);
        // step by step, the state carrying the last Context − 1 inputs
        var (first, state) = encoder.Run(x[.., ..3]);
        var outputs = new List<Tensor> { first };
        for (var t = 3; t < 9; t++)
        {
            var (y, next) = encoder.Run(x[.., t..(t + 1)], state);
            outputs.Add(y);
            state = next;
            Assert.True(state.H.shape[1] <= 3, "the state holds more than Context − 1 inputs");
        }
        var stepped = cat(outputs, 1);
        Assert.True((whole - stepped).abs().max().item<float>() < 1e-5, "continuing from the state differs from one run");
        // the output at step 8 sees exactly inputs 5..8, positioned from 0
        var (window, _) = encoder.Run(x[.., 5..9]);
        Assert.True((whole[.., 8] - window[.., 3]).abs().max().item<float>() < 1e-5, "a step saw more than its context");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Save_then_load_gives_identical_outputs(string kind)
    {
        using var dir = new TempDir();
        var config = new StepNetworkConfig { Encoder = ConfigOf(kind) with { InputSize = 6 }, Outputs = 3, Vocabulary = 9, EmbeddingDim = 6 };
        manual_seed(7);
        using var original = new StepNetwork(config);
        original.eval();
        ModelFiles.SaveWeights(original, dir.Path);
        var json = ModelFiles.ToJson(config);
        var restored = ModelFiles.FromJson<StepNetworkConfig>(json, "architecture");
        Assert.Equal(config.Encoder, restored.Encoder);

        manual_seed(99);
        using var loaded = ModelFiles.LoadWeights(new StepNetwork(restored), dir.Path);
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        var input = tensor(new long[] { 1, 2, 3, 4, 5, 8, 7, 6, 5, 4 }).reshape(2, 5);
        Assert.True(original.call(input).equal(loaded.call(input)).all().item<bool>(), "outputs differ after a save/load round trip");
    }

    [Fact]
    public void Attention_adds_its_own_keys_and_leaves_the_recurrent_keys_as_they_were()
    {
        using var plain = new RecurrentEncoder(SelfAttention with { Attention = AttentionKind.None, Heads = 0 });
        using var attending = new RecurrentEncoder(SelfAttention);
        var before = plain.state_dict().Keys.ToHashSet();
        var after = attending.state_dict().Keys.ToHashSet();
        Assert.Subset(after, before);
        Assert.Contains("selfAttention.query.weight", after);
        using var transformer = new TransformerStack(Transformer);
        Assert.Contains("layers.1.attention.key.weight", transformer.state_dict().Keys);
        Assert.Contains("input.weight", transformer.state_dict().Keys);
    }

    [Fact]
    public void A_recurrent_manifest_is_written_as_before_and_one_without_the_new_fields_means_the_defaults()
    {
        var recurrent = new RecurrentConfig { Cell = CellKind.Gru, Hidden = 8 };
        var json = ModelFiles.ToJson(recurrent).ToJsonString();
        foreach (var field in new[] { "kind", "attention", "heads", "ffHidden", "causal", "context" })
            Assert.DoesNotContain($"\"{field}\"", json);
        var read = ModelFiles.FromJson<RecurrentConfig>(System.Text.Json.Nodes.JsonNode.Parse(json), "encoder");
        Assert.Equal((EncoderKind.Recurrent, AttentionKind.None, 0), (read.Kind, read.Attention, read.Heads));
        Assert.Contains("\"kind\":\"transformer\"", ModelFiles.ToJson(Transformer).ToJsonString());
    }

    [Fact]
    public void The_resolver_fills_heads_and_feed_forward_width_and_makes_step_attention_causal()
    {
        var defaults = new RecurrentConfig { Cell = CellKind.Lstm, Hidden = 16, Layers = 2, Bidirectional = true };
        var transformer = ArchitectureResolver.Encoder(new ArchitectureSpec { Encoder = "transformer" }, defaults, 10);
        Assert.Equal((EncoderKind.Transformer, 4, 64, false, 16), (transformer.Kind, transformer.Heads, transformer.FfHidden, transformer.Bidirectional, transformer.OutputSize));
        Assert.False(transformer.Causal);
        var self = ArchitectureResolver.Encoder(new ArchitectureSpec { Attention = "self", Heads = 8 }, defaults, 10);
        Assert.Equal((EncoderKind.Recurrent, AttentionKind.Self, 8, 0, 32), (self.Kind, self.Attention, self.Heads, self.FfHidden, self.OutputSize));
        var step = ArchitectureResolver.Step(new ArchitectureSpec { Encoder = "transformer" }, defaults, 10, outputs: 2, context: 32).Encoder;
        Assert.Equal((true, 32), (step.Causal, step.Context));
        var plain = ArchitectureResolver.Step(null, defaults, 10, outputs: 2, context: 32).Encoder;
        Assert.Equal(defaults with { InputSize = 10 }, plain);
    }
}
