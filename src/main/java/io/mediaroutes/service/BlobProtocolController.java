package io.mediaroutes.service;

import io.mediaroutes.storage.BlobStore;
import io.mediaroutes.storage.InvalidBlockListException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The part of the Azure Blob protocol that an upload to an UploadUri uses: Put Blob, Put Block, Put Block List,
 * Get Block List and Get Blob Properties (HEAD), with Azure's status codes, headers and XML errors, so the
 * Azure SDK's BlobClient and a plain {@code curl -T} both work unchanged. Request bodies stream to the BlobStore.
 */
@RestController
public class BlobProtocolController {

    private static final String VERSION = "2021-12-02";
    private static final int MAX_BLOCK_LIST_BYTES = 8 * 1024 * 1024;
    private static final int MAX_BLOCK_ID_BYTES = 64;
    private static final int MAX_COMMITTED_BLOCKS = 50_000;
    private static final int MAX_UNCOMMITTED_BLOCKS = 100_000;
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    private final BlobStore blobs;
    private final UploadUris uploadUris;
    private final VideoRepository videos;
    private final ServiceProperties props;

    public BlobProtocolController(BlobStore blobs, UploadUris uploadUris, VideoRepository videos, ServiceProperties props) {
        this.blobs = blobs;
        this.props = props;
        this.uploadUris = uploadUris;
        this.videos = videos;
    }

    @RequestMapping(path = "/blob/{container}/{blob}", method = RequestMethod.PUT)
    public ResponseEntity<?> put(@PathVariable String container, @PathVariable String blob, HttpServletRequest request)
            throws IOException {
        ResponseEntity<?> denied = authorize(container, blob, request, true);
        if (denied != null) {
            return denied;
        }
        String comp = request.getParameter("comp");
        try (InputStream body = ByteLimit.of(request.getInputStream(), "blocklist".equals(comp) ? MAX_BLOCK_LIST_BYTES
                : props.maxUploadSize().toBytes())) {
            if ("block".equals(comp)) {
                String blockId = request.getParameter("blockid");
                ResponseEntity<?> invalid = checkNewBlock(container, blob, blockId);
                if (invalid != null) {
                    return invalid;
                }
                blobs.stageBlock(container, blob, blockId, body, request.getContentLengthLong());
                return created(null);
            }
            if ("blocklist".equals(comp)) {
                ResponseEntity<?> conflict = ifNoneMatch(container, blob, request);
                if (conflict != null) {
                    return conflict;
                }
                List<String> ids = parseBlockList(body);
                if (ids == null) {
                    return error(HttpStatus.BAD_REQUEST, "InvalidXmlDocument", "XML specified is not syntactically valid.");
                }
                if (ids.size() > MAX_COMMITTED_BLOCKS) {
                    return error(HttpStatus.BAD_REQUEST, "BlockListTooLong", "The block list may not contain more than "
                            + MAX_COMMITTED_BLOCKS + " blocks.");
                }
                if (new HashSet<>(ids).size() != ids.size()) {
                    return error(HttpStatus.BAD_REQUEST, "InvalidBlockList", "The specified block list is invalid: a block is named twice.");
                }
                return created(blobs.commitBlocks(container, blob, ids));
            }
            if (comp != null) {
                return error(HttpStatus.BAD_REQUEST, "InvalidQueryParameterValue", "comp is not supported here.");
            }
            if (!"BlockBlob".equals(request.getHeader("x-ms-blob-type"))) {
                return error(HttpStatus.BAD_REQUEST, "MissingRequiredHeader",
                        "An HTTP header that's mandatory for this request is not specified: x-ms-blob-type: BlockBlob.");
            }
            ResponseEntity<?> conflict = ifNoneMatch(container, blob, request);
            return conflict != null ? conflict : created(blobs.putBlob(container, blob, body));
        } catch (InvalidBlockListException e) {
            return error(HttpStatus.BAD_REQUEST, "InvalidBlockList", "The specified block list is invalid: " + e.getMessage());
        } catch (ByteLimit.Exceeded e) {
            return error(HttpStatus.PAYLOAD_TOO_LARGE, "RequestBodyTooLarge",
                    "The request body is too large and exceeds the maximum permissible limit (" + props.maxUploadSize() + ").");
        }
    }

    /**
     * Azure's rules for a block id: base64 of at most 64 bytes, the same length for every block of one blob,
     * and at most 100,000 uncommitted blocks.
     */
    private ResponseEntity<?> checkNewBlock(String container, String blob, String blockId) throws IOException {
        byte[] decoded;
        try {
            decoded = blockId == null ? new byte[0] : Base64.getDecoder().decode(blockId);
        } catch (IllegalArgumentException notBase64) {
            decoded = new byte[0];
        }
        if (decoded.length == 0 || decoded.length > MAX_BLOCK_ID_BYTES) {
            return error(HttpStatus.BAD_REQUEST, "InvalidQueryParameterValue",
                    "Value for one of the query parameters specified in the request URI is invalid: blockid must be base64 of 1 to "
                            + MAX_BLOCK_ID_BYTES + " bytes.");
        }
        BlobStore.Uncommitted staged = blobs.uncommitted(container, blob);
        if (staged.count() > 0 && staged.idLength() != blockId.length()) { // one length for all: checked at each Put Block
            return error(HttpStatus.BAD_REQUEST, "InvalidBlobOrBlock",
                    "The specified blob or block content is invalid: every block id of a blob must have the same length.");
        }
        if (staged.count() >= MAX_UNCOMMITTED_BLOCKS) {
            return error(HttpStatus.CONFLICT, "BlockCountExceedsLimit",
                    "The uncommitted block count cannot exceed the maximum limit of " + MAX_UNCOMMITTED_BLOCKS + " blocks.");
        }
        return null;
    }

    @RequestMapping(path = "/blob/{container}/{blob}", method = RequestMethod.GET)
    public ResponseEntity<?> getBlockList(@PathVariable String container, @PathVariable String blob,
            HttpServletRequest request) throws IOException {
        ResponseEntity<?> denied = authorize(container, blob, request, false);
        if (denied != null) {
            return denied;
        }
        if (!"blocklist".equals(request.getParameter("comp"))) {
            return error(HttpStatus.FORBIDDEN, "AuthorizationPermissionMismatch",
                    "This request is not authorized to perform this operation using this permission.");
        }
        String type = Optional.ofNullable(request.getParameter("blocklisttype")).orElse("committed");
        BlobStore.BlockList list = blobs.blockList(container, blob);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        if (!type.equals("uncommitted")) {
            appendBlocks(xml, "CommittedBlocks", list.committed());
        }
        if (!type.equals("committed")) {
            appendBlocks(xml, "UncommittedBlocks", list.uncommitted());
        }
        xml.append("</BlockList>");
        HttpHeaders headers = standardHeaders();
        blobs.properties(container, blob).ifPresent(p -> {
            headers.setETag(p.etag());
            headers.setLastModified(p.lastModified());
            headers.set("x-ms-blob-content-length", Long.toString(p.size()));
        });
        return ResponseEntity.ok().headers(headers).contentType(MediaType.APPLICATION_XML).body(xml.toString());
    }

    @RequestMapping(path = "/blob/{container}/{blob}", method = RequestMethod.HEAD)
    public ResponseEntity<?> properties(@PathVariable String container, @PathVariable String blob,
            HttpServletRequest request) throws IOException {
        ResponseEntity<?> denied = authorize(container, blob, request, false);
        if (denied != null) {
            return ResponseEntity.status(denied.getStatusCode()).headers(denied.getHeaders()).build();
        }
        Optional<BlobStore.Properties> props = blobs.properties(container, blob);
        if (props.isEmpty()) {
            HttpHeaders headers = standardHeaders();
            headers.set("x-ms-error-code", "BlobNotFound");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).headers(headers).build();
        }
        HttpHeaders headers = standardHeaders();
        headers.setContentLength(props.get().size());
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        headers.setETag(props.get().etag());
        headers.setLastModified(props.get().lastModified());
        headers.set("x-ms-blob-type", "BlockBlob");
        headers.set("x-ms-creation-time", DateTimeFormatter.RFC_1123_DATE_TIME.format(props.get().lastModified().atZone(ZoneOffset.UTC)));
        headers.set("x-ms-server-encrypted", "false");
        headers.set("Accept-Ranges", "bytes");
        return ResponseEntity.ok().headers(headers).build();
    }

    /** The signature first, then the video: only a video still waiting for its upload takes writes. */
    private ResponseEntity<?> authorize(String container, String blob, HttpServletRequest request, boolean write) {
        String why = uploadUris.rejection(container, blob, request.getParameter("sp"), request.getParameter("se"),
                request.getParameter("sig"));
        if (why != null) {
            return error(HttpStatus.FORBIDDEN, "AuthenticationFailed",
                    "Server failed to authenticate the request. Make sure the value of Authorization header is formed "
                            + "correctly including the signature.", why);
        }
        String sp = request.getParameter("sp");
        if (write && !(sp.contains("w") || sp.contains("c"))) {
            return error(HttpStatus.FORBIDDEN, "AuthorizationPermissionMismatch",
                    "This request is not authorized to perform this operation using this permission.");
        }
        Optional<Video> video = container.startsWith("asset-") ? videos.find(container.substring(6)) : Optional.empty();
        if (video.isEmpty()) {
            return error(HttpStatus.NOT_FOUND, "ContainerNotFound", "The specified container does not exist.");
        }
        if (write && video.get().state() != Video.State.CREATED) {
            return error(HttpStatus.FORBIDDEN, "AuthorizationFailure",
                    "The video was marked complete; its upload can no longer be modified.");
        }
        return null;
    }

    private ResponseEntity<?> ifNoneMatch(String container, String blob, HttpServletRequest request) throws IOException {
        if ("*".equals(request.getHeader("If-None-Match")) && blobs.properties(container, blob).isPresent()) {
            return error(HttpStatus.CONFLICT, "BlobAlreadyExists", "The specified blob already exists.");
        }
        return null;
    }

    private static List<String> parseBlockList(InputStream body) {
        List<String> ids = new ArrayList<>();
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(body);
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamReader.START_ELEMENT) {
                    String name = reader.getLocalName();
                    if (name.equals("Latest") || name.equals("Uncommitted") || name.equals("Committed")) {
                        ids.add(reader.getElementText().strip());
                    }
                }
            }
            return ids;
        } catch (XMLStreamException e) {
            return null;
        }
    }

    private static void appendBlocks(StringBuilder xml, String element, List<BlobStore.Block> blocks) {
        xml.append('<').append(element).append('>');
        for (BlobStore.Block b : blocks) {
            xml.append("<Block><Name>").append(HtmlUtils.htmlEscape(b.id())).append("</Name><Size>").append(b.size()).append("</Size></Block>");
        }
        xml.append("</").append(element).append('>');
    }

    private static ResponseEntity<?> created(BlobStore.Properties props) {
        HttpHeaders headers = standardHeaders();
        headers.set("x-ms-request-server-encrypted", "false");
        if (props != null) {
            headers.setETag(props.etag());
            headers.setLastModified(props.lastModified());
        }
        return ResponseEntity.status(HttpStatus.CREATED).headers(headers).build();
    }

    private static HttpHeaders standardHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("x-ms-request-id", UUID.randomUUID().toString());
        headers.set("x-ms-version", VERSION);
        return headers;
    }

    static ResponseEntity<String> error(HttpStatus status, String code, String message) {
        return error(status, code, message, null);
    }

    /** Azure's error body: {@code <Error><Code/><Message/></Error>}, and the code again in x-ms-error-code. */
    static ResponseEntity<String> error(HttpStatus status, String code, String message, String detail) {
        String requestId = UUID.randomUUID().toString();
        String xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code + "</Code><Message>" + HtmlUtils.htmlEscape(message)
                + "\nRequestId:" + requestId + "\nTime:" + Instant.now() + "</Message>"
                + (detail == null ? "" : "<AuthenticationErrorDetail>" + HtmlUtils.htmlEscape(detail) + "</AuthenticationErrorDetail>")
                + "</Error>";
        HttpHeaders headers = standardHeaders();
        headers.set("x-ms-request-id", requestId);
        headers.set("x-ms-error-code", code);
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_XML).body(xml);
    }
}
