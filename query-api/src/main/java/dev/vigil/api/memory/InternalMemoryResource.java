package dev.vigil.api.memory;

import dev.vigil.api.ApiException;
import dev.vigil.api.JsonBody;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code POST /internal/v1/memory}: memory reads forwarded by another API instance (see {@link MemoryForwarding}),
 * answered from this instance's partitions. Callers prove they are instances of this installation with the
 * shared token; access control was already applied by the instance the user asked.
 */
public final class InternalMemoryResource {
    private final LocalMemory memory;
    private final byte[] token;
    private final JsonBody body;

    public InternalMemoryResource(LocalMemory memory, String token, JsonBody body) {
        this.memory = memory;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.body = body;
    }

    public void answer(Context ctx) {
        String presented = ctx.header(MemoryForwarding.HEADER);
        if (presented == null || !MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(401, "unauthorized", "internal route: only other vigil API instances may call it");
        }
        MemoryRequest r = body.read(ctx, MemoryRequest.class);
        if (r.op() == null || r.cameras() == null) {
            throw ApiException.badRequest("op and cameras are required");
        }
        try {
            Object result = memory.answer(r);
            ctx.json(result == null ? com.fasterxml.jackson.databind.node.NullNode.instance : result);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
