package io.mediaroutes.storage;

import java.io.IOException;

/** A block list named a block that was never staged (Azure answers 400 InvalidBlockList). */
public class InvalidBlockListException extends IOException {
    public InvalidBlockListException(String message) {
        super(message);
    }
}
