using Microsoft.OpenApi;

namespace StreamPortal.Api;

/// <summary>
/// The request body of endpoints that read their JSON themselves (to answer a type error with a problem naming the
/// JSON path): described for OpenAPI by an operation transformer, which is endpoint metadata only. <c>Accepts</c>
/// would do it too, but it also makes routing refuse other content types with its own bare 415.
/// </summary>
public static class JsonBodyDescription
{
    /// <summary>Describes a required JSON body of type <typeparamref name="T"/>.</summary>
    /// <param name="open">True: the object may carry any other property too (additionalProperties allowed).</param>
    public static RouteHandlerBuilder WithJsonBody<T>(this RouteHandlerBuilder builder, string description, bool open = false) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, ct) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, ct);
            if (open) schema.AdditionalProperties = new OpenApiSchema();
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
            };
        });
}
