using SeqServe.Core.Serving;
using StbImageSharp;

namespace SeqServe.Core.Sequence.Mnist;

/// <summary>
/// Turns an uploaded PNG (any size, colour or grey, with or without alpha) into the rows an MNIST
/// classifier reads: grey, transparent parts shown on white, inverted when the background is light
/// (MNIST digits are light ink on dark). An image already of the model's size (28×28) is taken as it
/// is, so a 28×28 PNG of an MNIST digit gives back exactly its pixel / 255 values. Any other size is
/// framed the way MNIST itself was made: the ink's bounding box is scaled (area-averaged, aspect kept)
/// to fit a 20×20 box and placed so that its centre of mass sits at the centre of the 28×28 field —
/// a digit drawn large, small or off-centre on a canvas reaches the model in the form it was trained on.
/// </summary>
public static class DigitImage
{
    public const int MaxSide = 4096;
    /// <summary>The side of the box the ink is scaled into, as a fraction of the field (MNIST: 20 of 28).</summary>
    public const double InkBox = 20.0 / 28.0;
    /// <summary>Pixels below this fraction of the brightest ink are background when finding the ink's bounding box.</summary>
    public const float InkThreshold = 0.1f;
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static float[][] ToRows(byte[] png, int rows, int columns)
    {
        var grey = Decode(png, out var width, out var height);
        if (BorderMean(grey, width, height) > 0.5f)
            for (var i = 0; i < grey.Length; i++) grey[i] = 1f - grey[i];
        var field = width == columns && height == rows ? grey : Frame(grey, width, height, columns, rows);
        return [.. Enumerable.Range(0, rows).Select(r => field.AsSpan(r * columns, columns).ToArray())];
    }

    /// <summary>MNIST's framing: ink bounding box scaled into the ink box, centre of mass at the field's centre.</summary>
    public static float[] Frame(float[] ink, int width, int height, int columns, int rows)
    {
        var max = ink.Max();
        if (max <= 0.05f) return AreaResize(ink, width, height, columns, rows); // nothing drawn
        int left = width, top = height, right = -1, bottom = -1;
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            if (ink[y * width + x] < InkThreshold * max) continue;
            left = Math.Min(left, x); right = Math.Max(right, x);
            top = Math.Min(top, y); bottom = Math.Max(bottom, y);
        }
        int boxWidth = right - left + 1, boxHeight = bottom - top + 1;
        var crop = new float[boxWidth * boxHeight];
        for (var y = 0; y < boxHeight; y++)
            Array.Copy(ink, (top + y) * width + left, crop, y * boxWidth, boxWidth);

        var fit = Math.Max(1, (int)Math.Round(Math.Min(columns, rows) * InkBox));
        var scale = (double)fit / Math.Max(boxWidth, boxHeight);
        int inkWidth = Math.Clamp((int)Math.Round(boxWidth * scale), 1, fit), inkHeight = Math.Clamp((int)Math.Round(boxHeight * scale), 1, fit);
        var small = AreaResize(crop, boxWidth, boxHeight, inkWidth, inkHeight);

        double mass = 0, mx = 0, my = 0;
        for (var y = 0; y < inkHeight; y++)
        for (var x = 0; x < inkWidth; x++)
        {
            var v = small[y * inkWidth + x];
            mass += v; mx += v * (x + 0.5); my += v * (y + 0.5);
        }
        var offsetX = Math.Clamp((int)Math.Round(columns / 2.0 - mx / mass), 0, columns - inkWidth);
        var offsetY = Math.Clamp((int)Math.Round(rows / 2.0 - my / mass), 0, rows - inkHeight);
        var field = new float[columns * rows];
        for (var y = 0; y < inkHeight; y++)
            Array.Copy(small, y * inkWidth, field, (offsetY + y) * columns + offsetX, inkWidth);
        return field;
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
