package io.mediaroutes.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The Video entity as the Connector reference shows it on the wire: these names, this casing, this order, nulls included. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"Id", "UploadUri", "ContentProtectionMode", "ContentProtectionKeyId", "Duration", "OriginalFileName",
        "InputStorageEncryptionMode", "InputStorageEncryptionSymmetricKey", "InputStorageEncryptionIv"})
public record VideoResource(
        @JsonProperty("Id") String id,
        @JsonProperty("UploadUri") String uploadUri,
        @JsonProperty("ContentProtectionMode") String contentProtectionMode,
        @JsonProperty("ContentProtectionKeyId") String contentProtectionKeyId,
        @JsonProperty("Duration") int duration,
        @JsonProperty("OriginalFileName") String originalFileName,
        @JsonProperty("InputStorageEncryptionMode") String inputStorageEncryptionMode,
        @JsonProperty("InputStorageEncryptionSymmetricKey") String inputStorageEncryptionSymmetricKey,
        @JsonProperty("InputStorageEncryptionIv") String inputStorageEncryptionIv) {

    /** The key and IV go out once, in the POST response; every later read omits them. */
    static VideoResource of(Video v, String uploadUri, boolean withInputKey) {
        return new VideoResource(v.id(), v.state() == Video.State.CREATED ? uploadUri : null, v.contentProtection(),
                v.contentKeyId(), v.duration(), v.fileName(), v.inputEncryption(),
                withInputKey ? v.inputKey() : null, withInputKey ? v.inputIv() : null);
    }
}
