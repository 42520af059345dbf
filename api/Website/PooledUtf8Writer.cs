using System.Buffers;
using System.Text;

namespace Registry.Api.Website;

/// <summary>
/// A TextWriter that encodes what it is given as UTF-8 into memory rented from the shared pool, returned on Dispose.
/// A page rendered into a string was built three times over (the builder's chunks, the string, its UTF-8 bytes): a third
/// of what a search results page allocated.
/// </summary>
public sealed class PooledUtf8Writer : TextWriter
{
    readonly Encoder encoder = Encoding.UTF8.GetEncoder();
    byte[] buffer;
    int length;
    // The encoder keeps a high surrogate that ends one write until the next write brings its low half.
    bool surrogatePending;

    public PooledUtf8Writer(int initialBytes = 32 * 1024) => buffer = ArrayPool<byte>.Shared.Rent(initialBytes);

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Everything written, flushed; valid until the writer is disposed.</summary>
    public ReadOnlyMemory<byte> ToMemory()
    {
        Flush();
        return buffer.AsMemory(0, length);
    }

    public override void Write(char value)
    {
        if (value < 0x80 && !surrogatePending)
        {
            Ensure(1);
            buffer[length++] = (byte)value;
        }
        else Write(new ReadOnlySpan<char>(in value));
    }

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] chars, int index, int count) => Write(chars.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> chars)
    {
        if (chars.IsEmpty) return;
        Ensure(Encoding.UTF8.GetMaxByteCount(chars.Length));
        encoder.Convert(chars, buffer.AsSpan(length), flush: false, out _, out var written, out _);
        length += written;
        surrogatePending = char.IsHighSurrogate(chars[^1]);
    }

    public override void Flush()
    {
        if (!surrogatePending) return;
        Ensure(Encoding.UTF8.GetMaxByteCount(0));
        encoder.Convert([], buffer.AsSpan(length), flush: true, out _, out var written, out _);
        length += written;
        surrogatePending = false;
    }

    void Ensure(int free)
    {
        if (buffer.Length - length >= free) return;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + free));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
            length = 0;
        }
        base.Dispose(disposing);
    }
}
