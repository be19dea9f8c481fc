using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SeqServe.Core.Modeling;

/// <summary>
/// The one recurrent encoder every SeqServe model is built from (RNN with tanh/relu, LSTM or GRU;
/// stacked, optionally bidirectional, batch-first). Field names are checkpoint keys: keep them.
/// </summary>
public sealed class RecurrentEncoder : nn.Module
{
    private readonly nn.Module rnn;
    private readonly CellKind cell;

    public RecurrentConfig Config { get; }

    public RecurrentEncoder(RecurrentConfig config) : base(nameof(RecurrentEncoder))
    {
        Config = config;
        cell = config.Cell;
        var dropout = config.Layers > 1 ? config.Dropout : 0.0;
        rnn = config.Cell switch
        {
            CellKind.Lstm => nn.LSTM(config.InputSize, config.Hidden, config.Layers, batchFirst: true,
                dropout: dropout, bidirectional: config.Bidirectional),
            CellKind.Gru => nn.GRU(config.InputSize, config.Hidden, config.Layers, batchFirst: true,
                dropout: dropout, bidirectional: config.Bidirectional),
            _ => nn.RNN(config.InputSize, config.Hidden, config.Layers,
                config.Nonlinearity == "relu" ? nn.NonLinearities.ReLU : nn.NonLinearities.Tanh,
                batchFirst: true, dropout: dropout, bidirectional: config.Bidirectional),
        };
        RegisterComponents();
    }

    /// <summary>Runs the encoder over (batch, steps, features); returns every step's output and the final state.</summary>
    public (Tensor Outputs, RecurrentState State) Run(Tensor input, RecurrentState? state = null)
    {
        switch (cell)
        {
            case CellKind.Lstm:
            {
                (Tensor, Tensor)? hc = state is null ? null : (state.H, state.C ?? zeros_like(state.H));
                var (y, h, c) = ((LSTM)rnn).call(input, hc);
                return (y, new RecurrentState(h, c));
            }
            case CellKind.Gru:
            {
                var (y, h) = ((GRU)rnn).call(input, state?.H);
                return (y, new RecurrentState(h, null));
            }
            default:
            {
                var (y, h) = ((RNN)rnn).call(input, state?.H);
                return (y, new RecurrentState(h, null));
            }
        }
    }

    /// <summary>Runs a packed (variable-length) batch; padding costs nothing.</summary>
    public (nn.utils.rnn.PackedSequence Outputs, RecurrentState State) Run(nn.utils.rnn.PackedSequence input)
    {
        switch (cell)
        {
            case CellKind.Lstm:
            {
                var (y, h, c) = ((LSTM)rnn).call(input, null);
                return (y, new RecurrentState(h, c));
            }
            case CellKind.Gru:
            {
                var (y, h) = ((GRU)rnn).call(input, null);
                return (y, new RecurrentState(h, null));
            }
            default:
            {
                var (y, h) = ((RNN)rnn).call(input, null);
                return (y, new RecurrentState(h, null));
            }
        }
    }

    /// <summary>
    /// Concatenation of the last layer's final forward (and backward) hidden state: (batch, OutputSize).
    /// </summary>
    public Tensor FinalHidden(RecurrentState state)
    {
        var h = state.H; // (layers*dirs, batch, hidden)
        var layers = Config.Layers;
        if (!Config.Bidirectional) return h[layers - 1];
        return cat([h[2 * layers - 2], h[2 * layers - 1]], dim: 1);
    }
}
