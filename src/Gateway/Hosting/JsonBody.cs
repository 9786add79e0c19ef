using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Hosting;

/// <summary>Reads a small JSON request body, turning every way it can be wrong into a 4xx problem.</summary>
internal static class JsonBody
{
    /// <summary>Bodies of <c>/auth/*</c> requests are a few hundred bytes; anything past this is refused with 413.</summary>
    public const long MaxBytes = 16 * 1024;

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

        try
        {
            var value = await request.ReadFromJsonAsync(typeInfo, request.HttpContext.RequestAborted);
            return value is null ? (null, ProblemResults.InvalidRequest("The body must be a JSON object.")) : (value, null);
        }
        catch (JsonException)
        {
            return (null, ProblemResults.InvalidRequest("The body is not valid JSON for this request."));
        }
        catch (InvalidOperationException)
        {
            // Thrown by the reader for a body that is not valid UTF-8 text.
            return (null, ProblemResults.InvalidRequest("The body is not valid UTF-8 JSON."));
        }
    }
}
