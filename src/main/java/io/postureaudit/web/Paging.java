package io.postureaudit.web;

/** Validates page/size query parameters the same way on every list endpoint. */
final class Paging {

    static final int MAX_SIZE = 500;

    private Paging() {
    }

    static int page(Integer page) {
        if (page != null && page < 0) {
            throw new IllegalArgumentException("page: expected 0 or more, found " + page);
        }
        return page == null ? 0 : page;
    }

    static int size(Integer size) {
        if (size != null && (size < 1 || size > MAX_SIZE)) {
            throw new IllegalArgumentException("size: expected 1 to " + MAX_SIZE + ", found " + size);
        }
        return size == null ? 50 : size;
    }
}
