package io.paddock.web;

import java.util.List;

import io.paddock.errors.ApiError.Detail;

/**
 * A request body with rules that span several fields. {@link StrictJsonReader} calls {@link #problems()}
 * after Bean Validation and reports both together, so a client sees every problem at once. Fields may
 * still be null here (Bean Validation reports those), so implementations must tolerate them.
 */
public interface ValidatedRequest {

    List<Detail> problems();
}
