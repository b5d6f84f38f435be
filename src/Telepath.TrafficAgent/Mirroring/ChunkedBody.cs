namespace Telepath.TrafficAgent.Mirroring;

/// <summary>Decodes the chunked body an HTTP/1.1 relay captured as it came, as far as it goes (a cut one included).</summary>
internal static class ChunkedBody
{
    /// <returns>The data of the chunks, and whether the last chunk was reached.</returns>
    public static (byte[] Data, bool Complete) Decode(ReadOnlySpan<byte> raw)
    {
        var data = new List<byte>(raw.Length);
        while (true)
        {
            var line = raw.IndexOf("\r\n"u8);
            if (line < 0)
            {
                return ([.. data], false);
            }

            var sizeText = raw[..line];
            var extension = sizeText.IndexOf((byte)';');
            if (extension >= 0)
            {
                sizeText = sizeText[..extension];
            }

            if (!long.TryParse(System.Text.Encoding.ASCII.GetString(sizeText).Trim(), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var size) || size < 0)
            {
                return ([.. data], false);
            }

            raw = raw[(line + 2)..];
            if (size == 0)
            {
                return ([.. data], true);
            }

            var take = (int)Math.Min(size, raw.Length);
            data.AddRange(raw[..take]);
            if (take < size || raw.Length < take + 2)
            {
                return ([.. data], false);
            }

            raw = raw[(take + 2)..];
        }
    }
}
