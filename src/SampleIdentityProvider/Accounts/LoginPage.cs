using System.Text.Encodings.Web;

namespace SampleIdentityProvider.Accounts;

/// <summary>The plain HTML pages of the provider: no script, one inline style.</summary>
internal static class LoginPage
{
    public static string Render(string returnUrl, string? error) => Layout("Sign in", $"""
        <h1>Sign in</h1>
        {(error is null ? "" : $"<p class=\"error\" role=\"alert\">{Encode(error)}</p>")}
        <form method="post" action="{Server.ProviderPaths.Login}">
          <input type="hidden" name="returnUrl" value="{Encode(returnUrl)}">
          <label>User name <input name="username" autocomplete="username" required autofocus></label>
          <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
          <button type="submit">Sign in</button>
        </form>
        <p class="note">Sample OpenID Provider, for demos and tests only.</p>
        """);

    public static string Message(string title, string text) => Layout(title, $"<h1>{Encode(title)}</h1><p>{Encode(text)}</p>");

    private static string Layout(string title, string body) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{Encode(title)}} · Sample OpenID Provider</title>
        <style>
          body { font-family: system-ui, sans-serif; max-width: 22rem; margin: 4rem auto; padding: 0 1rem; }
          label { display: block; margin: 0.75rem 0; } input { display: block; width: 100%; padding: 0.4rem; box-sizing: border-box; }
          button { padding: 0.5rem 1.25rem; } .error { color: #b00020; } .note { color: #666; font-size: 0.85rem; margin-top: 2rem; }
        </style>
        </head>
        <body>
        {{body}}
        </body>
        </html>
        """;

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
