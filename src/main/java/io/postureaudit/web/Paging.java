package io.postureaudit.web;

/**
 * Validates page/size (and numeric ids) the same way on every list endpoint and page. They arrive as text so that
 * "abc" answers 400 naming the parameter rather than the 404 JAX-RS gives a query parameter it cannot convert.
 */
final class Paging {

    static final int MAX_SIZE = 500;

    private Paging() {
    }

    static int page(Integer page) {
        if (page != null && page < 0) {
            throw new BadInputException("page: expected 0 or more, found " + page);
        }
        return page == null ? 0 : page;
    }

    static int page(String page) {
        return page(number("page", page));
    }

    static int size(Integer size) {
        if (size != null && (size < 1 || size > MAX_SIZE)) {
            throw new BadInputException("size: expected 1 to " + MAX_SIZE + ", found " + size);
        }
        return size == null ? 50 : size;
    }

    static int size(String size) {
        return size(number("size", size));
    }

    /** A numeric path or query value, e.g. a finding id. */
    static long id(String name, String value) {
        try {
            long id = Long.parseLong(value.strip());
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException | NullPointerException e) {
            throw new BadInputException(name + ": expected a whole number, found '" + value + "'");
        }
    }

    private static Integer number(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new BadInputException(name + ": expected a whole number, found '" + value + "'");
        }
    }
}
