package io.cikit.core.git;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;
import org.eclipse.jgit.transport.WantNotValidException;

/**
 * Plays a git server's smart-HTTP fetch side inside WireMock: stubs that name this transformer get their body from
 * JGit's {@link UploadPack} run over the request, for one bare repository. WireMock's own matching decides who is
 * let in (basic auth). Like servers that allow only advertised refs, it can refuse commits asked for by sha.
 */
final class SmartHttpGit implements ResponseTransformerV2 {
    static final String NAME = "smart-http-git";

    private final Repository repository;
    private volatile boolean refuseUnadvertised;

    SmartHttpGit(Repository repository) {
        this.repository = repository;
    }

    void refuseUnadvertised(boolean refuse) {
        refuseUnadvertised = refuse;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public Response transform(Response response, ServeEvent event) {
        Request request = event.getRequest();
        String path = URI.create(request.getUrl()).getPath();
        try {
            if (path.endsWith("/info/refs")) {
                return answer(response, "application/x-git-upload-pack-advertisement", advertisement());
            }
            if (path.endsWith("/git-upload-pack")) {
                return answer(response, "application/x-git-upload-pack-result", upload(request));
            }
            return Response.Builder.like(response).but().status(404).body("not a git path: " + path).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] advertisement() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PacketLineOut packets = new PacketLineOut(out);
        packets.writeString("# service=git-upload-pack\n");
        packets.end();
        UploadPack pack = newUploadPack();
        pack.sendAdvertisedRefs(new RefAdvertiser.PacketLineOutRefAdvertiser(packets));
        return out.toByteArray();
    }

    private byte[] upload(Request request) throws IOException {
        byte[] body = request.getBody();
        InputStream in = new ByteArrayInputStream(body);
        if (body.length > 1 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b) {
            in = new GZIPInputStream(in);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        newUploadPack().upload(in, out, null);
        return out.toByteArray();
    }

    private UploadPack newUploadPack() {
        UploadPack pack = new UploadPack(repository);
        pack.setBiDirectionalPipe(false);
        if (refuseUnadvertised) {
            pack.setRequestValidator((up, wants) -> {
                throw new WantNotValidException(wants.get(0));
            });
        }
        return pack;
    }

    private static Response answer(Response response, String contentType, byte[] body) {
        return Response.Builder.like(response).but().status(200).body(body)
                .headers(new HttpHeaders(new HttpHeader("Content-Type", contentType), new HttpHeader("Cache-Control", "no-cache")))
                .build();
    }
}
