package com.example.trading.saga.operations;

import com.example.trading.platform.web.ApiExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem documents (RFC 9457) for every request error of the operations endpoints. */
@RestControllerAdvice
class OperationsExceptionHandler extends ApiExceptionHandler {}
