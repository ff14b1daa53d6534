using System.Text;
using Amazon.Runtime;

namespace BackupKit.Wire;

/// <summary>
/// Keeps credentials out of what BackupKit logs and throws: a secret key or session token that a server (or a proxy in
/// front of it) echoes back in an error answer is masked before the answer becomes an exception, and URLs are shown
/// without user information.
/// </summary>
internal static class SecretRedaction
{
    private const string Mask = "[redacted]";

    /// <summary>Returns <paramref name="text"/> with the credentials' secret key and session token masked.</summary>
    public static string? Redact(string? text, ImmutableCredentials? credentials)
    {
        if (text is null || credentials is null)
        {
            return text;
        }

        text = Replace(text, credentials.SecretKey);
        return credentials.UseToken ? Replace(text, credentials.Token) : text;

        static string Replace(string value, string? secret) =>
            string.IsNullOrEmpty(secret) ? value : value.Replace(secret, Mask, StringComparison.Ordinal);
    }

    /// <summary>Masks the credentials' secret key and session token in a UTF-8 body in place (same length, so JSON stays valid).</summary>
    public static void RedactInPlace(Span<byte> body, ImmutableCredentials? credentials)
    {
        if (credentials is null || body.IsEmpty)
        {
            return;
        }

        Fill(body, credentials.SecretKey);
        if (credentials.UseToken)
        {
            Fill(body, credentials.Token);
        }

        static void Fill(Span<byte> body, string? secret)
        {
            if (string.IsNullOrEmpty(secret))
            {
                return;
            }

            var needle = Encoding.UTF8.GetBytes(secret);
            int at;
            while ((at = body.IndexOf(needle)) >= 0)
            {
                body.Slice(at, needle.Length).Fill((byte)'*');
                body = body[(at + needle.Length)..];
            }
        }
    }

    /// <summary>The URL as text without user information (<c>user:password@</c>), query or fragment; a relative URL is not shown.</summary>
    public static string WithoutUserInfo(Uri url) =>
        url.IsAbsoluteUri
            ? new UriBuilder(url) { UserName = string.Empty, Password = string.Empty, Query = string.Empty, Fragment = string.Empty }.Uri.ToString()
            : "(a relative URL)";
}
