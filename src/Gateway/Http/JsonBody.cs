using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Http;

/// <summary>
/// Reads a small JSON request body, turning every way it can be wrong (type, size, encoding, syntax, shape)
/// into a 4xx problem. The size limit holds whether or not the client sent a Content-Length.
/// </summary>
internal static class JsonBody
{
    /// <summary>Bodies of <c>/auth/*</c> requests are a few hundred bytes; anything past this is refused with 413.</summary>
    public const int MaxBytes = 16 * 1024;

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, ProblemResults.UnsupportedMediaType());
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, ProblemResults.PayloadTooLarge());
        }

        var buffer = ArrayPool<byte>.Shared.Rent(MaxBytes + 1);
        try
        {
            var length = await request.Body.ReadAtLeastAsync(buffer.AsMemory(0, MaxBytes + 1), MaxBytes + 1, throwOnEndOfStream: false,
                request.HttpContext.RequestAborted);
            if (length > MaxBytes)
            {
                return (null, ProblemResults.PayloadTooLarge());
            }

            var value = JsonSerializer.Deserialize(buffer.AsSpan(0, length), typeInfo);
            return value is null ? (null, ProblemResults.InvalidRequest("The body must be a JSON object.")) : (value, null);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return (null, ProblemResults.InvalidRequest("The body is not valid UTF-8 JSON of the expected shape."));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
