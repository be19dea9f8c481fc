using SeqServe.Core.Serving;
using StbImageSharp;

namespace SeqServe.Core.Sequence.Mnist;

/// <summary>
/// Turns an uploaded PNG (any size, colour or grey, with or without alpha) into the rows an MNIST
/// classifier reads: grey, transparent parts shown on white, area-averaged down (or up) to
/// steps × features, inverted when the background is light (MNIST digits are light ink on dark).
/// A 28×28 grey PNG of an MNIST digit gives back exactly its pixel / 255 values.
/// </summary>
public static class DigitImage
{
    public const int MaxSide = 4096;
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static float[][] ToRows(byte[] png, int rows, int columns)
    {
        var grey = Decode(png, out var width, out var height);
        var resized = AreaResize(grey, width, height, columns, rows);
        if (BorderMean(resized, columns, rows) > 0.5f)
            for (var i = 0; i < resized.Length; i++) resized[i] = 1f - resized[i];
        return [.. Enumerable.Range(0, rows).Select(r => resized.AsSpan(r * columns, columns).ToArray())];
    }

    /// <summary>Decodes to grey values in [0, 1], compositing transparency onto white.</summary>
    private static float[] Decode(byte[] png, out int width, out int height)
    {
        if (png.Length < PngSignature.Length || !png.AsSpan(0, PngSignature.Length).SequenceEqual(PngSignature))
            throw new ModelInputException("image", "the body is not a PNG image (its first bytes are not the PNG signature).");
        ImageResult image;
        try
        {
            var info = ImageInfo.FromStream(new MemoryStream(png))
                       ?? throw new ModelInputException("image", "the PNG header cannot be read.");
            if (info.Width < 1 || info.Height < 1 || info.Width > MaxSide || info.Height > MaxSide)
                throw new ModelInputException("image", $"the image must be between 1 and {MaxSide} pixels on each side (got {info.Width}×{info.Height}).");
            image = ImageResult.FromMemory(png, ColorComponents.GreyAlpha);
        }
        catch (Exception e) when (e is not ModelInputException and not OutOfMemoryException)
        {
            throw new ModelInputException("image", $"the PNG cannot be decoded: {e.Message}");
        }
        width = image.Width;
        height = image.Height;
        var grey = new float[width * height];
        for (var i = 0; i < grey.Length; i++)
        {
            var alpha = image.Data[2 * i + 1] / 255f;
            grey[i] = (image.Data[2 * i] / 255f) * alpha + (1f - alpha);
        }
        return grey;
    }

    /// <summary>Each target pixel is the mean of the source area it covers (exact, fractional edges weighted).</summary>
    public static float[] AreaResize(float[] source, int width, int height, int targetWidth, int targetHeight)
    {
        if (width == targetWidth && height == targetHeight) return (float[])source.Clone();
        var xs = Weights(width, targetWidth);
        var ys = Weights(height, targetHeight);
        var result = new float[targetWidth * targetHeight];
        for (var ty = 0; ty < targetHeight; ty++)
        for (var tx = 0; tx < targetWidth; tx++)
        {
            double sum = 0, weight = 0;
            foreach (var (sy, wy) in ys[ty])
            foreach (var (sx, wx) in xs[tx])
            {
                sum += source[sy * width + sx] * wy * wx;
                weight += wy * wx;
            }
            result[ty * targetWidth + tx] = (float)(sum / weight);
        }
        return result;
    }

    /// <summary>For every target index, the source indices it covers and how much of each.</summary>
    private static List<(int Index, double Weight)>[] Weights(int size, int target)
    {
        var scale = (double)size / target;
        var result = new List<(int, double)>[target];
        for (var t = 0; t < target; t++)
        {
            double start = t * scale, end = (t + 1) * scale;
            result[t] = [];
            for (var s = (int)Math.Floor(start); s < Math.Min(size, (int)Math.Ceiling(end)); s++)
            {
                var covered = Math.Min(end, s + 1) - Math.Max(start, s);
                if (covered > 1e-9) result[t].Add((s, covered));
            }
        }
        return result;
    }

    private static float BorderMean(float[] image, int width, int height)
    {
        double sum = 0;
        var count = 0;
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            if (y != 0 && y != height - 1 && x != 0 && x != width - 1) continue;
            sum += image[y * width + x];
            count++;
        }
        return (float)(sum / count);
    }
}
