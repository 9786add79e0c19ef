using System.Net;
using System.Text.Json;

namespace Gateway.Tests.Infrastructure;

/// <summary>Asserts an answer is the gateway's own problem+json with the given status and stable type.</summary>
internal static class ProblemAssert
{
    public const string TypePrefix = "urn:gateway:problem:";

    public static async Task<JsonElement> IsAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.ReadJsonAsync<JsonElement>();
        Assert.Equal(TypePrefix + type, body.GetProperty("type").GetString());
        return body;
    }
}
